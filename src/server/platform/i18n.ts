import type { FastifyRequest } from "fastify";
import type { Language } from "../../shared/common.ts";
import type { ErrorCode } from "../../shared/errors.ts";

/** Server-side texts: error messages and e-mails, in both product languages. */
const errorMessages: Record<ErrorCode, Record<Language, string>> = {
  VALIDATION: { en: "Some fields are not valid.", de: "Einige Felder sind nicht gültig." },
  BAD_REQUEST: { en: "The request could not be read.", de: "Die Anfrage konnte nicht gelesen werden." },
  UNAUTHENTICATED: { en: "Please sign in.", de: "Bitte melde dich an." },
  INVALID_CREDENTIALS: {
    en: "E-mail or password is not correct.",
    de: "E-Mail-Adresse oder Passwort ist nicht korrekt.",
  },
  FORBIDDEN: { en: "You may not do this.", de: "Das darfst du nicht." },
  CSRF: {
    en: "This request was not sent by Periphery. Reload the page and try again.",
    de: "Diese Anfrage kam nicht von Periphery. Lade die Seite neu und versuche es noch einmal.",
  },
  NOT_FOUND: { en: "Not found.", de: "Nicht gefunden." },
  STALE_VERSION: {
    en: "Someone else changed this in the meantime. Reload to see their change.",
    de: "Jemand anderes hat das inzwischen geändert. Lade neu, um die Änderung zu sehen.",
  },
  CONFLICT: {
    en: "This conflicts with existing data.",
    de: "Das steht im Widerspruch zu vorhandenen Daten.",
  },
  EMAIL_TAKEN: {
    en: "This e-mail address is already in use.",
    de: "Diese E-Mail-Adresse wird bereits verwendet.",
  },
  SETUP_DONE: {
    en: "This Periphery instance already has an organisation. Sign in instead.",
    de: "Diese Periphery-Instanz hat bereits eine Organisation. Bitte melde dich an.",
  },
  LAST_STEWARD: {
    en: "An organisation needs at least one steward to keep its settings. Make someone else a steward first.",
    de: "Eine Organisation braucht mindestens eine Stewardin oder einen Steward für ihre Einstellungen. Ernenne zuerst jemand anderen.",
  },
  OFFER_NOT_DRAFT: {
    en: "This offer has been sent and can no longer be changed. Write a new offer instead.",
    de: "Dieses Angebot ist versendet und lässt sich nicht mehr ändern. Schreibe stattdessen ein neues.",
  },
  OFFER_NOT_SENT: {
    en: "Only a sent offer can be accepted or declined.",
    de: "Nur ein versendetes Angebot kann angenommen oder abgelehnt werden.",
  },
  OFFER_EXPIRED: {
    en: "This offer's validity has ended. Write a new offer instead.",
    de: "Die Gültigkeit dieses Angebots ist abgelaufen. Schreibe stattdessen ein neues.",
  },
  NOT_DECIDER: {
    en: "Only the decider of this proposal can do this.",
    de: "Das kann nur die Person, die über diesen Vorschlag entscheidet.",
  },
  NOT_CELL_MEMBER: {
    en: "Only members of this cell change its membership and working agreements. To suggest a change, ask the cell for advice (advice process).",
    de: "Nur Mitglieder dieser Zelle ändern ihre Mitgliedschaft und Arbeitsvereinbarungen. Wenn du eine Änderung vorschlagen willst, bitte die Zelle um Rat (Beratungsprozess).",
  },
  ADVICE_WINDOW_OPEN: {
    en: "The advice window is still open and not everyone asked has answered. Decide after {closesAt} or once all have answered.",
    de: "Das Beratungsfenster ist noch offen und noch nicht alle Gefragten haben geantwortet. Entscheide nach {closesAt} oder sobald alle geantwortet haben.",
  },
  OBJECTION_STANDS: {
    en: "An objection stands in this round. Amend the proposal to integrate it, or ask the objector whether it is resolved.",
    de: "In dieser Runde steht ein Einwand. Ändere den Vorschlag, um ihn aufzunehmen, oder frag nach, ob er ausgeräumt ist.",
  },
  PROPOSAL_CLOSED: {
    en: "This proposal is no longer open: it has been decided or withdrawn.",
    de: "Dieser Vorschlag ist nicht mehr offen: Er ist entschieden oder zurückgezogen.",
  },
  NOT_DECIDED: {
    en: "This proposal has not been decided yet.",
    de: "Über diesen Vorschlag ist noch nicht entschieden.",
  },
  WRONG_PROPOSAL_KIND: {
    en: "This step belongs to the other kind of proposal (advice process or consent).",
    de: "Dieser Schritt gehört zur anderen Art von Vorschlag (Beratungsprozess oder Konsent).",
  },
  CONSENT_PHASE: {
    en: "This round is in another phase. Questions, then reactions, then consent or objection.",
    de: "Diese Runde ist in einer anderen Phase. Erst Fragen, dann Reaktionen, dann Zustimmung oder Einwand.",
  },
  CELL_OWNS_CUSTOMERS: {
    en: "This cell still owns customers. Hand its accounts and deals over to another cell first.",
    de: "Diese Zelle betreut noch Kunden. Übergib ihre Accounts und Deals zuerst an eine andere Zelle.",
  },
  INVITATION_INVALID: {
    en: "This invitation link is no longer valid. Ask for a new one.",
    de: "Dieser Einladungslink ist nicht mehr gültig. Bitte um einen neuen.",
  },
  RESET_INVALID: {
    en: "This link to reset your password is no longer valid. Request a new one.",
    de: "Dieser Link zum Zurücksetzen des Passworts ist nicht mehr gültig. Fordere einen neuen an.",
  },
  PAYLOAD_TOO_LARGE: { en: "The request is too large.", de: "Die Anfrage ist zu groß." },
  UNSUPPORTED_MEDIA_TYPE: {
    en: "Send the request as JSON.",
    de: "Sende die Anfrage als JSON.",
  },
  RATE_LIMITED: {
    en: "Too many requests. Wait a minute and try again.",
    de: "Zu viele Anfragen. Warte eine Minute und versuche es dann noch einmal.",
  },
  SIGN_IN_LOCKED: {
    en: "Too many wrong passwords for this e-mail address. Try again in {minutes} minutes or reset your password.",
    de: "Zu viele falsche Passwörter für diese E-Mail-Adresse. Versuche es in {minutes} Minuten wieder oder setze dein Passwort zurück.",
  },
  PERSON_DEACTIVATED: {
    en: "Your access to this organisation has been deactivated. A steward of your organisation can restore it.",
    de: "Dein Zugang zu dieser Organisation wurde deaktiviert. Ein Steward deiner Organisation kann ihn wiederherstellen.",
  },
  PERSON_ERASED: {
    en: "This person's personal data has already been erased. Erasure cannot be undone.",
    de: "Die personenbezogenen Daten dieser Person wurden bereits gelöscht. Das lässt sich nicht rückgängig machen.",
  },
  UNAVAILABLE: {
    en: "The database cannot be reached right now. Try again in a moment.",
    de: "Die Datenbank ist gerade nicht erreichbar. Versuche es gleich noch einmal.",
  },
  INTERNAL: {
    en: "Something went wrong on our side. Reference: {ref}",
    de: "Bei uns ist etwas schiefgegangen. Referenz: {ref}",
  },
};

/** Field-level messages by zod issue kind. */
const fieldMessages: Record<string, Record<Language, string>> = {
  required: { en: "Required.", de: "Pflichtfeld." },
  too_small: {
    en: "Too short or too small (minimum {min}).",
    de: "Zu kurz oder zu klein (mindestens {min}).",
  },
  too_big: { en: "Too long or too large (maximum {max}).", de: "Zu lang oder zu groß (höchstens {max})." },
  invalid_type: { en: "Wrong type: expected {expected}.", de: "Falscher Typ: erwartet {expected}." },
  invalid_format: { en: "Not a valid {format}.", de: "Kein gültiges Format ({format})." },
  invalid_value: { en: "Not one of the allowed values.", de: "Keiner der erlaubten Werte." },
  unrecognized_keys: { en: "Unknown field.", de: "Unbekanntes Feld." },
  invalid: { en: "Not valid.", de: "Nicht gültig." },
  /* A schema's own check names its message by one of these keys (`.refine(check, "vatId")`). */
  vatId: {
    en: "Not a valid VAT ID: country code and number, e.g. DE123456789.",
    de: "Keine gültige USt-IdNr.: Länderkennzeichen und Nummer, z. B. DE123456789.",
  },
  country: {
    en: "Not a country code (two letters, e.g. DE).",
    de: "Kein Ländercode (zwei Buchstaben, z. B. DE).",
  },
  passwordCommon: {
    en: "This password is among the most common ones and is guessed first. Choose another one.",
    de: "Dieses Passwort gehört zu den häufigsten und wird zuerst erraten. Bitte wähle ein anderes.",
  },
  passwordPersonal: {
    en: "The password must not contain your name or e-mail address.",
    de: "Das Passwort darf weder deinen Namen noch deine E-Mail-Adresse enthalten.",
  },
  notAContactOfAccount: {
    en: "Not one of this account's contacts.",
    de: "Kein Kontakt dieses Accounts.",
  },
};

/** Does a schema's custom check name one of the messages above? */
export const isFieldMessage = (key: string): boolean => Object.hasOwn(fieldMessages, key);

export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(params[key] ?? `{${key}}`));
}

export function errorMessage(
  code: ErrorCode,
  lang: Language,
  params?: Record<string, string | number>,
): string {
  return fill(errorMessages[code][lang], params);
}

export function fieldMessage(kind: string, lang: Language, params?: Record<string, string | number>): string {
  return fill((fieldMessages[kind] ?? fieldMessages.invalid)[lang], params);
}

/** The request's language: an explicit Accept-Language wins, then the person's own, then English. */
export function requestLanguage(request: FastifyRequest): Language {
  const header = request.headers["accept-language"];
  if (typeof header === "string") {
    for (const part of header.split(",")) {
      const tag = part.trim().slice(0, 2).toLowerCase();
      if (tag === "de" || tag === "en") return tag;
    }
  }
  const locale = request.auth?.person.locale;
  return locale === "de" ? "de" : "en";
}

/** E-mails the server sends, in the recipient's language. */
export const mailTexts = {
  invitation: {
    en: {
      subject: "{inviter} invites you to {organisation} on Periphery",
      text: "Hello,\n\n{inviter} invites you to join {organisation} on Periphery.\n\nAccept the invitation: {link}\n\nThe link is valid for 14 days.",
    },
    de: {
      subject: "{inviter} lädt dich zu {organisation} in Periphery ein",
      text: "Hallo,\n\n{inviter} lädt dich ein, {organisation} in Periphery beizutreten.\n\nEinladung annehmen: {link}\n\nDer Link ist 14 Tage gültig.",
    },
  },
  passwordReset: {
    en: {
      subject: "Reset your Periphery password",
      text: "Hello {name},\n\nset a new password here: {link}\n\nThe link is valid for one hour. If you did not ask for it, ignore this e-mail.",
    },
    de: {
      subject: "Periphery-Passwort zurücksetzen",
      text: "Hallo {name},\n\nhier kannst du ein neues Passwort setzen: {link}\n\nDer Link ist eine Stunde gültig. Wenn du ihn nicht angefordert hast, ignoriere diese E-Mail.",
    },
  },
} satisfies Record<string, Record<Language, { subject: string; text: string }>>;
