/* bo-tax.c — tax contained in gross prices, broken down per rate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prices are gross, so the tax is the part of the gross that the rate adds on top of the net:
 * gross * rate / (10000 + rate). A receipt shows one line per rate and is checked by redoing
 * that sum per rate, so the tax is rounded once on each rate's total, never per item.
 */
#include "domain/bo-tax.h"

static gint
compare_rate (gconstpointer a,
              gconstpointer b)
{
  const BoTaxLine *la = a;
  const BoTaxLine *lb = b;

  return (la->rate_bp > lb->rate_bp) - (la->rate_bp < lb->rate_bp);
}

/* Public API */

gint64
bo_tax_from_gross (gint64 gross,
                   gint   rate_bp)
{
  guint64 magnitude, divisor, quotient, remainder, tax, part;

  g_return_val_if_fail (rate_bp >= 0, 0);

  if (rate_bp == 0 || gross == 0)
    return 0;

  /* gross * rate would overflow 64 bits for large amounts, so split gross = q * d + r:
   * gross * rate / d = q * rate + r * rate / d, where q * rate < gross (rate < d) and
   * r * rate < d * rate < 2^63 (both below 2^31 + 10000). Working on the magnitude makes the
   * rounding half away from zero and lets G_MININT64 through. */
  magnitude = gross < 0 ? (guint64) 0 - (guint64) gross : (guint64) gross;
  divisor = (guint64) 10000 + (guint64) rate_bp;
  quotient = magnitude / divisor;
  remainder = magnitude % divisor;

  tax = quotient * (guint64) rate_bp;
  part = remainder * (guint64) rate_bp;
  tax += part / divisor;
  if ((part % divisor) * 2 >= divisor)
    tax++;

  /* tax <= magnitude, with equality only for amounts of a unit or two, so negating it cannot
   * overflow even for G_MININT64. */
  return gross < 0 ? -(gint64) tax : (gint64) tax;
}

void
bo_tax_add (GArray *lines,
            gint    rate_bp,
            gint64  gross)
{
  BoTaxLine key = { .rate_bp = rate_bp };
  guint index = 0;

  g_return_if_fail (lines != NULL);
  g_return_if_fail (g_array_get_element_size (lines) == sizeof (BoTaxLine));
  g_return_if_fail (rate_bp >= 0);

  if (g_array_binary_search (lines, &key, compare_rate, &index))
    {
      g_array_index (lines, BoTaxLine, index).gross += gross;
      return;
    }

  /* Not found: the insertion point is after every smaller rate. */
  for (index = 0; index < lines->len; index++)
    if (g_array_index (lines, BoTaxLine, index).rate_bp > rate_bp)
      break;

  key.gross = gross;
  g_array_insert_val (lines, index, key);
}

void
bo_tax_finish (GArray *lines)
{
  g_return_if_fail (lines != NULL);
  g_return_if_fail (g_array_get_element_size (lines) == sizeof (BoTaxLine));

  for (guint i = 0; i < lines->len; i++)
    {
      BoTaxLine *line = &g_array_index (lines, BoTaxLine, i);

      line->tax = bo_tax_from_gross (line->gross, line->rate_bp);
      line->net = line->gross - line->tax;
    }
}

GArray *
bo_tax_lines_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (BoTaxLine));
}
