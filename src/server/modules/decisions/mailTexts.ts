import type { Language } from "../../../shared/common.ts";
import type { NotificationKind } from "../../../shared/decisions/notifications.ts";

/** E-mails of the decisions module, in the recipient's language; {title} {actor} {link}. */
export const notificationMail: Record<
  NotificationKind,
  Record<Language, { subject: string; text: string }>
> = {
  adviceRequested: {
    en: {
      subject: "Your advice is asked: {title}",
      text: 'Hello {name},\n\n{actor} asks for your advice on "{title}". The decision is theirs; your advice helps them make a better one.\n\n{link}',
    },
    de: {
      subject: "Dein Rat ist gefragt: {title}",
      text: "Hallo {name},\n\n{actor} bittet dich um deinen Rat zu „{title}“. Die Entscheidung trifft {actor}; dein Rat hilft, sie besser zu machen.\n\n{link}",
    },
  },
  deciderRequested: {
    en: {
      subject: "Would you decide this? {title}",
      text: 'Hello {name},\n\n{actor} asks whether you would take over the decision "{title}". Accept or decline here:\n\n{link}',
    },
    de: {
      subject: "Würdest du das entscheiden? {title}",
      text: "Hallo {name},\n\n{actor} fragt, ob du die Entscheidung „{title}“ übernimmst. Hier kannst du zusagen oder absagen:\n\n{link}",
    },
  },
  windowClosing: {
    en: {
      subject: "Advice window closing soon: {title}",
      text: 'Hello {name},\n\nyou were asked for advice on "{title}" and the advice window closes within a day. After that the decider decides without waiting.\n\n{link}',
    },
    de: {
      subject: "Beratungsfenster schließt bald: {title}",
      text: "Hallo {name},\n\ndu wurdest zu „{title}“ um Rat gefragt, und das Beratungsfenster schließt innerhalb eines Tages. Danach entscheidet die verantwortliche Person, ohne zu warten.\n\n{link}",
    },
  },
  decisionMade: {
    en: {
      subject: "Decided: {title}",
      text: 'Hello {name},\n\n{actor} has decided "{title}". Read the decision and how the advice was used:\n\n{link}',
    },
    de: {
      subject: "Entschieden: {title}",
      text: "Hallo {name},\n\n{actor} hat „{title}“ entschieden. Hier stehen die Entscheidung und wie der Rat genutzt wurde:\n\n{link}",
    },
  },
  reviewDue: {
    en: {
      subject: "Time to review: {title}",
      text: 'Hello {name},\n\nthe review date of "{title}" has come. What happened, and what did we learn?\n\n{link}',
    },
    de: {
      subject: "Zeit für den Rückblick: {title}",
      text: "Hallo {name},\n\nder Rückblick-Termin für „{title}“ ist da. Was ist passiert, und was haben wir gelernt?\n\n{link}",
    },
  },
};
