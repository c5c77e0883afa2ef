/* bo-tax.h — tax contained in gross prices, broken down per rate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint   rate_bp; /* 2000 = 20 % */
  gint64 gross;
  gint64 net;
  gint64 tax;
} BoTaxLine;

/* Tax contained in a gross amount: gross * rate / (10000 + rate), rounded half away from zero,
 * exact over the whole gint64 range; 0 for rate 0. @rate_bp must not be negative. */
gint64  bo_tax_from_gross (gint64 gross,
                           gint   rate_bp);

/* Accumulates @gross at @rate_bp into @lines (a GArray of BoTaxLine kept sorted by rate,
 * ascending, one line per rate; refunds are negative gross). net and tax are only valid after
 * bo_tax_finish(), which rounds the tax once on each rate's total, as a receipt is checked;
 * it may be called again after more bo_tax_add(). */
void    bo_tax_add        (GArray *lines,
                           gint    rate_bp,
                           gint64  gross);
void    bo_tax_finish     (GArray *lines);

/* A new empty GArray of BoTaxLine. */
GArray *bo_tax_lines_new  (void);

G_END_DECLS
