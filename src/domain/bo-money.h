/* bo-money.h — amounts are gint64 in the currency's minor unit (1250 = 12.50 EUR)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Digits after the decimal point for an ISO 4217 code (EUR 2, BAM 2, JPY 0, KWD 3, ...);
 * 2 for NULL and for codes it does not know (upper case only: "jpy" is unknown). */
guint     bo_currency_exponent  (const char *currency);

/* Human text for people, in the current locale (LC_MONETARY / LC_NUMERIC): the locale gives
 * the separators, grouping and where symbol and sign go; the currency gives the digits and the
 * symbol. E.g. EUR: "12,50 €" under de_DE, "€ 12,50" under bs_BA (whose "KM 12,50" puts the
 * symbol first), "€12.50" under en_US/en_IE, "12.50 EUR" under C/POSIX (no monetary data;
 * LC_NUMERIC's decimal point is used). Letter symbols keep a space from the digits ("KM 12.50"
 * under en_US); a symbol the locale uses for its own currency is spelt as the ISO code
 * ("USD 12.50" under en_CA). Separators may be U+202F/U+00A0/U+2019 as glibc gives them.
 * Negative amounts keep the sign. Reads localeconv(): call it after setlocale(), not while
 * another thread changes the locale. */
char     *bo_money_format       (gint64      amount,
                                 const char *currency);

/* Locale-independent "12.50" (exponent digits after a '.', '-' for negative), for CSV/CLI text. */
char     *bo_money_format_plain (gint64      amount,
                                 const char *currency);

/* Parses what a person types ("12.50", "12,50", "12", "1 234,5", "-3.00") into minor units,
 * the same way in every locale. The last '.' or ',' is the decimal separator when it occurs
 * once and either follows the other mark ("1.234,50", "1,234.50") or has 1..exponent digits
 * after it, except that exactly 3 digits with an exponent below 3 group thousands ("1,234"
 * EUR = 1234.00, KWD = 1.234). Groups (by '.', ',', spaces or apostrophes, one kind) are
 * 1..3 digits then exactly 3. Rejects more decimals than the currency has, garbage, doubtful
 * grouping ("0,500" EUR) and amounts outside gint64 with G_IO_ERROR_INVALID_DATA and a
 * translated message; @out_amount may be NULL and is untouched on failure. */
gboolean  bo_money_parse        (const char *text,
                                 const char *currency,
                                 gint64     *out_amount,
                                 GError    **error);

G_END_DECLS
