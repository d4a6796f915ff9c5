/**
 * Amounts in the customers module's API contract: money is an integer in minor units (cents) with a
 * currency; percentages are basis points (1 % = 100) or whole percent; quantities are decimals with at
 * most 3 places (`quantityMilli`).
 */
import { z } from "zod";

/** Minor units; up to 10^13 (100 billion in major units) stays exact in a double. */
export const MoneySchema = z.number().int().min(0).max(10_000_000_000_000);
export const BasisPointsSchema = z.number().int().min(0).max(10_000);
export const PercentSchema = z.number().int().min(0).max(100);
