/* bo-money.c — formatting and parsing amounts held in minor units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amounts never pass through floating point: a gint64 of minor units is split into whole and
 * fractional parts with integer arithmetic on its magnitude (a guint64, so G_MININT64 works),
 * and parsed text is accumulated digit by digit with an overflow check.
 */
#include "config.h"

#include "domain/bo-money.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <string.h>

typedef struct {
  const char *code;
  guint       exponent;
} CurrencyExponent;

/* ISO 4217 currencies whose minor unit is not 1/100. HUF is officially 2 even though forints
 * are spent as whole numbers; it is listed so nobody "fixes" it to 0 by mistake. */
static const CurrencyExponent currency_exponents[] = {
  { "BHD", 3 }, { "BIF", 0 }, { "CLF", 4 }, { "CLP", 0 }, { "DJF", 0 }, { "GNF", 0 },
  { "HUF", 2 }, { "IQD", 3 }, { "ISK", 0 }, { "JOD", 3 }, { "JPY", 0 }, { "KMF", 0 },
  { "KRW", 0 }, { "KWD", 3 }, { "LYD", 3 }, { "OMR", 3 }, { "PYG", 0 }, { "RWF", 0 },
  { "TND", 3 }, { "UGX", 0 }, { "UYI", 0 }, { "UYW", 4 }, { "VND", 0 }, { "VUV", 0 },
  { "XAF", 0 }, { "XOF", 0 }, { "XPF", 0 },
};

typedef struct {
  const char *code;
  const char *symbol;
} CurrencySymbol;

/* Symbols for currencies a venue in our region is likely to see. Anything else is shown by its
 * ISO code, which is never wrong, only less pretty. */
static const CurrencySymbol currency_symbols[] = {
  { "BAM", "KM" },
  { "BGN", "лв." },
  { "CHF", "CHF" },
  { "CZK", "Kč" },
  { "DKK", "kr." },
  { "EUR", "€" },
  { "GBP", "£" },
  { "HRK", "kn" },
  { "HUF", "Ft" },
  { "JPY", "¥" },
  { "MKD", "ден." },
  { "NOK", "kr" },
  { "PLN", "zł" },
  { "RON", "lei" },
  { "RSD", "din." },
  { "SEK", "kr" },
  { "TRY", "₺" },
  { "UAH", "₴" },
  { "USD", "$" },
};

/* Up to 10^4 (CLF, UYW); the table above never asks for more. */
static const guint64 powers_of_ten[] = { 1, 10, 100, 1000, 10000 };

/* What is needed from struct lconv, copied out at once: localeconv() returns a static buffer
 * that the next call (from any thread) may overwrite. */
typedef struct {
  char *decimal_point;
  char *thousands_sep;
  char *grouping;
  char *int_curr_symbol;
  char *currency_symbol;
  char *positive_sign;
  char *negative_sign;
  int   p_cs_precedes;
  int   p_sep_by_space;
  int   p_sign_posn;
  int   n_cs_precedes;
  int   n_sep_by_space;
  int   n_sign_posn;
} MoneyStyle;

static guint
exponent_of (const char *currency)
{
  guint e = bo_currency_exponent (currency);

  return MIN (e, G_N_ELEMENTS (powers_of_ten) - 1);
}

static const char *
symbol_for (const char *currency)
{
  for (gsize i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    if (strcmp (currency_symbols[i].code, currency) == 0)
      return currency_symbols[i].symbol;

  return NULL;
}

static void
money_style_clear (MoneyStyle *style)
{
  g_free (style->decimal_point);
  g_free (style->thousands_sep);
  g_free (style->grouping);
  g_free (style->int_curr_symbol);
  g_free (style->currency_symbol);
  g_free (style->positive_sign);
  g_free (style->negative_sign);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MoneyStyle, money_style_clear)

/* localeconv() is not thread-safe in POSIX terms, but glibc fills it from the calling thread's
 * locale and GLib applications call setlocale() once, at start-up, before any thread exists.
 * Everything is copied out immediately so later calls cannot change it under us. */
static void
money_style_load (MoneyStyle *style)
{
  const struct lconv *lc = localeconv ();

  /* A locale without monetary data (C, POSIX) has an empty mon_decimal_point; numbers then
   * follow LC_NUMERIC, so a German LC_NUMERIC with LC_MONETARY=C still gets "12,50". */
  if (lc->mon_decimal_point != NULL && lc->mon_decimal_point[0] != '\0')
    {
      style->decimal_point = g_strdup (lc->mon_decimal_point);
      style->thousands_sep = g_strdup (lc->mon_thousands_sep ? lc->mon_thousands_sep : "");
      style->grouping = g_strdup (lc->mon_grouping ? lc->mon_grouping : "");
    }
  else
    {
      const char *dp = lc->decimal_point;

      style->decimal_point = g_strdup (dp != NULL && dp[0] != '\0' ? dp : ".");
      style->thousands_sep = g_strdup (lc->thousands_sep ? lc->thousands_sep : "");
      style->grouping = g_strdup (lc->grouping ? lc->grouping : "");
    }

  style->int_curr_symbol = g_strdup (lc->int_curr_symbol ? lc->int_curr_symbol : "");
  style->currency_symbol = g_strdup (lc->currency_symbol ? lc->currency_symbol : "");
  style->positive_sign = g_strdup (lc->positive_sign ? lc->positive_sign : "");
  style->negative_sign = g_strdup (lc->negative_sign ? lc->negative_sign : "");
  style->p_cs_precedes = lc->p_cs_precedes;
  style->p_sep_by_space = lc->p_sep_by_space;
  style->p_sign_posn = lc->p_sign_posn;
  style->n_cs_precedes = lc->n_cs_precedes;
  style->n_sep_by_space = lc->n_sep_by_space;
  style->n_sign_posn = lc->n_sign_posn;
}

/* Digits of @magnitude with @exponent of them after @decimal_point, the integer part grouped
 * per @grouping (struct lconv semantics: sizes from the right, the last one repeating, CHAR_MAX
 * ending the grouping). */
static void
append_number (GString    *out,
               guint64     magnitude,
               guint       exponent,
               const char *decimal_point,
               const char *thousands_sep,
               const char *grouping)
{
  char whole[24];
  gsize n_digits;
  gsize group_end[24];
  gsize n_groups = 0;
  guint64 scale = powers_of_ten[exponent];

  n_digits = g_snprintf (whole, sizeof whole, "%" G_GUINT64_FORMAT, magnitude / scale);

  /* Walk from the right, noting where each separator goes (as a count of leading digits). */
  if (thousands_sep[0] != '\0' && grouping[0] != '\0')
    {
      const char *g = grouping;
      int size = 0;
      gsize remaining = n_digits;

      for (;;)
        {
          /* The terminating '\0' repeats the last size; CHAR_MAX or a negative one stops. */
          if (*g != '\0')
            size = (signed char) *g++;
          if (size <= 0 || size == CHAR_MAX || remaining <= (gsize) size)
            break;
          remaining -= size;
          group_end[n_groups++] = remaining;
        }
    }

  for (gsize i = 0; i < n_digits; i++)
    {
      for (gsize k = 0; k < n_groups; k++)
        if (group_end[k] == i)
          {
            g_string_append (out, thousands_sep);
            break;
          }
      g_string_append_c (out, whole[i]);
    }

  if (exponent > 0)
    {
      g_string_append (out, decimal_point);
      g_string_append_printf (out, "%0*" G_GUINT64_FORMAT, (int) exponent, magnitude % scale);
    }
}

/* A foreign symbol made of letters ("KM", "CHF", "din.", an ISO code) needs a space between it
 * and the digits even where the locale's own symbol ("$") is written against them. */
static gboolean
symbol_needs_space (const char *symbol)
{
  for (const char *p = symbol; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_type (g_utf8_get_char (p)) != G_UNICODE_CURRENCY_SYMBOL)
      return TRUE;

  return FALSE;
}

/* Layouts from C11 7.11.2.1 (the localeconv() example table), indexed by cs_precedes,
 * sign_posn and sep_by_space: S sign, C currency symbol, V value. */
static const char *const layouts[2][5][3] = {
  {
    { "(VC)", "(V C)", "(VC)" },
    { "SVC", "SV C", "S VC" },
    { "VCS", "V CS", "VC S" },
    { "VSC", "V SC", "VS C" },
    { "VCS", "V CS", "VC S" },
  },
  {
    { "(CV)", "(C V)", "(CV)" },
    { "SCV", "SC V", "S CV" },
    { "CVS", "C VS", "CV S" },
    { "SCV", "SC V", "S CV" },
    { "CSV", "CS V", "C SV" },
  },
};

static char *
format_localized (const MoneyStyle *style,
                  gboolean          negative,
                  const char       *value,
                  const char       *currency)
{
  const char *symbol = NULL;
  const char *sign;
  const char *layout;
  gboolean own_currency;
  gboolean force_space = FALSE;
  int cs_precedes, sep_by_space, sign_posn;
  g_autoptr (GString) out = g_string_new (NULL);

  own_currency = strlen (style->int_curr_symbol) >= 3 &&
                 strncmp (style->int_curr_symbol, currency, 3) == 0 &&
                 strlen (currency) == 3 &&
                 style->currency_symbol[0] != '\0';

  if (own_currency)
    {
      symbol = style->currency_symbol;
    }
  else
    {
      symbol = symbol_for (currency);
      /* "$" for USD under en_CA would read as Canadian dollars. */
      if (symbol == NULL || g_strcmp0 (symbol, style->currency_symbol) == 0)
        symbol = currency;
      force_space = symbol_needs_space (symbol);
    }

  if (negative)
    {
      cs_precedes = style->n_cs_precedes;
      sep_by_space = style->n_sep_by_space;
      sign_posn = style->n_sign_posn;
      /* POSIX: an empty negative_sign still means "-". */
      sign = style->negative_sign[0] != '\0' ? style->negative_sign : "-";
    }
  else
    {
      cs_precedes = style->p_cs_precedes;
      sep_by_space = style->p_sep_by_space;
      sign_posn = style->p_sign_posn;
      sign = style->positive_sign;
    }

  cs_precedes = cs_precedes == 0 ? 0 : 1;
  if (sep_by_space < 0 || sep_by_space > 2)
    sep_by_space = 1;
  if (sign_posn < 0 || sign_posn > 4)
    sign_posn = 1;

  layout = layouts[cs_precedes][sign_posn][sep_by_space];

  /* An empty sign takes along a space that would start or end the text ("S VC" gives
   * "12,50грн." in uk_UA) but not one between symbol and value ("C SV", "kr. 12,50" in da_DK),
   * which is what strfmon() does. */
  if (sign[0] == '\0' && layout[0] == 'S' && layout[1] == ' ')
    layout += 2;

  /* Column 1 always has a space between symbol and value (the sign may sit next to the
   * symbol, "CHF- 12.50"); elsewhere the symbol can touch the sign or the digits. */
  if (sep_by_space == 1)
    force_space = FALSE;

  for (const char *l = layout; *l != '\0'; l++)
    {
      switch (*l)
        {
        case 'S':
          g_string_append (out, sign);
          break;

        case 'C':
          if (force_space && !cs_precedes && l > layout && l[-1] != ' ' && l[-1] != '(')
            g_string_append_c (out, ' ');
          g_string_append (out, symbol);
          if (force_space && cs_precedes && l[1] != '\0' && l[1] != ' ' && l[1] != ')')
            g_string_append_c (out, ' ');
          break;

        case 'V':
          g_string_append (out, value);
          break;

        case ' ':
          if (!(sign[0] == '\0' && l[1] == 'S' && l[2] == '\0'))
            g_string_append_c (out, ' ');
          break;

        default:
          g_string_append_c (out, *l);
          break;
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Public API */

guint
bo_currency_exponent (const char *currency)
{
  if (currency == NULL)
    return 2;

  for (gsize i = 0; i < G_N_ELEMENTS (currency_exponents); i++)
    if (strcmp (currency_exponents[i].code, currency) == 0)
      return currency_exponents[i].exponent;

  return 2;
}

char *
bo_money_format (gint64      amount,
                 const char *currency)
{
  g_auto (MoneyStyle) style = { 0 };
  g_autoptr (GString) value = g_string_new (NULL);
  gboolean negative = amount < 0;
  guint64 magnitude = negative ? (guint64) 0 - (guint64) amount : (guint64) amount;

  g_return_val_if_fail (currency != NULL, NULL);

  money_style_load (&style);
  append_number (value, magnitude, exponent_of (currency),
                 style.decimal_point, style.thousands_sep, style.grouping);

  /* No monetary conventions at all (C, POSIX): "-12.50 EUR", readable in any language. */
  if (style.int_curr_symbol[0] == '\0' || style.p_cs_precedes == CHAR_MAX)
    return g_strdup_printf ("%s%s %s", negative ? "-" : "", value->str, currency);

  return format_localized (&style, negative, value->str, currency);
}

char *
bo_money_format_plain (gint64      amount,
                       const char *currency)
{
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean negative = amount < 0;
  guint64 magnitude = negative ? (guint64) 0 - (guint64) amount : (guint64) amount;

  g_return_val_if_fail (currency != NULL, NULL);

  if (negative)
    g_string_append_c (out, '-');
  append_number (out, magnitude, exponent_of (currency), ".", "", "");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Parsing.
 *
 * What people type is read the same way in every locale (a till in Sarajevo may run an English
 * desktop), so the rule is about the text alone:
 *
 *  - Optional white space, one optional '+' or '-' (or U+2212), digits, optional white space.
 *  - Between digits there may be single separators: '.' or ',', a space (also U+00A0, U+2009,
 *    U+202F) or an apostrophe ('\'' or U+2019). Spaces and apostrophes only ever group.
 *  - The decimal separator, if any, is the last '.' or ',', provided it is the last separator,
 *    appears only once, and either the other of '.'/',' appears before it ("1.234,50",
 *    "1,234.50") or it is followed by 1..exponent digits. The exception is exactly three digits
 *    after it when the currency has fewer than three decimals: "1,234" and "1.234" are 1234 in
 *    EUR (a price of 1.234 EUR cannot exist) but 1.234 in KWD.
 *  - Every other separator groups thousands: all of one kind, a first group of 1..3 digits not
 *    starting with 0, then groups of exactly 3. So "0,500" and "12,3456" (EUR) are rejected
 *    rather than guessed at, "1 234,567" (mixed) too.
 *
 * The range is G_MININT64..G_MAXINT64 minor units, so every bo_money_format_plain() output
 * reads back to the same amount.
 */

typedef enum {
  SEP_NONE,
  SEP_DOT,
  SEP_COMMA,
  SEP_SPACE,
  SEP_APOSTROPHE,
} SepKind;

static SepKind
separator_kind (gunichar c)
{
  switch (c)
    {
    case '.':
      return SEP_DOT;
    case ',':
      return SEP_COMMA;
    case ' ':
    case 0x00A0: /* NO-BREAK SPACE */
    case 0x2009: /* THIN SPACE */
    case 0x202F: /* NARROW NO-BREAK SPACE, glibc's grouping in fr_FR, bs_BA, ... */
      return SEP_SPACE;
    case '\'':
    case 0x2019: /* RIGHT SINGLE QUOTATION MARK, de_CH grouping */
      return SEP_APOSTROPHE;
    default:
      return SEP_NONE;
    }
}

static gboolean
fail_invalid (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Not an amount: use digits, an optional minus sign and a decimal separator"));
  return FALSE;
}

static gboolean
fail_grouping (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: use your language's grouping and decimal marks */
                       _("Not an amount: digit groups must have three digits, like 1 234,50"));
  return FALSE;
}

static gboolean
fail_decimals (const char *currency,
               guint       exponent,
               GError    **error)
{
  if (exponent == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 /* Translators: %s is an ISO currency code such as JPY */
                 _("%s amounts have no decimal places"), currency);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 /* Translators: %s is an ISO currency code such as EUR */
                 g_dngettext (GETTEXT_PACKAGE,
                              "%s amounts have at most %u decimal place",
                              "%s amounts have at most %u decimal places",
                              exponent),
                 currency, exponent);
  return FALSE;
}

static gboolean
fail_range (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The amount is too large"));
  return FALSE;
}

gboolean
bo_money_parse (const char *text,
                const char *currency,
                gint64     *out_amount,
                GError    **error)
{
  /* Digit runs of the number body and the separator after each (run i is followed by seps[i]). */
  g_autofree const char **run_start = NULL;
  g_autofree gsize *run_len = NULL;
  g_autofree SepKind *seps = NULL;
  gsize max_runs;
  gsize n_runs = 0;
  guint exponent;
  gboolean negative = FALSE;
  gssize decimal_at = -1; /* index of the run after the decimal separator */
  SepKind group_kind = SEP_NONE;
  gsize n_int_runs;
  guint64 limit, magnitude = 0;
  const char *p, *end;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  exponent = exponent_of (currency);

  if (!g_utf8_validate (text, -1, NULL))
    return fail_invalid (error);

  p = text;
  end = text + strlen (text);
  while (p < end && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  while (end > p)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  if (p == end)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Enter an amount"));
      return FALSE;
    }

  if (*p == '-' || *p == '+' || g_utf8_get_char (p) == 0x2212 /* MINUS SIGN */)
    {
      negative = *p != '+';
      p = g_utf8_next_char (p);
    }

  /* Tokenise: digit, separator, digit, ... ; the body starts and ends with a digit, and
   * separators are single, so there are at most half as many runs as bytes, rounded up. */
  max_runs = (end - p) / 2 + 1;
  run_start = g_new (const char *, max_runs);
  run_len = g_new (gsize, max_runs);
  seps = g_new (SepKind, max_runs);

  while (p < end)
    {
      gunichar c;
      SepKind kind;

      if (!g_ascii_isdigit (*p))
        return fail_invalid (error);
      g_assert (n_runs < max_runs);

      run_start[n_runs] = p;
      while (p < end && g_ascii_isdigit (*p))
        p++;
      run_len[n_runs] = p - run_start[n_runs];
      seps[n_runs] = SEP_NONE;
      n_runs++;

      if (p == end)
        break;

      c = g_utf8_get_char (p);
      kind = separator_kind (c);
      if (kind == SEP_NONE)
        return fail_invalid (error);
      seps[n_runs - 1] = kind;
      p = g_utf8_next_char (p);
      if (p == end)
        return fail_invalid (error);
    }

  if (n_runs == 0)
    return fail_invalid (error);

  /* Find the decimal separator: it can only be the last separator. */
  if (n_runs >= 2)
    {
      SepKind last = seps[n_runs - 2];

      if (last == SEP_DOT || last == SEP_COMMA)
        {
          SepKind other = last == SEP_DOT ? SEP_COMMA : SEP_DOT;
          gboolean repeated = FALSE, other_before = FALSE;
          gsize digits_after = run_len[n_runs - 1];

          for (gsize i = 0; i + 2 < n_runs; i++)
            {
              repeated |= seps[i] == last;
              other_before |= seps[i] == other;
            }

          if (!repeated &&
              (other_before || !(digits_after == 3 && exponent < 3)))
            decimal_at = n_runs - 1;
        }
    }

  if (decimal_at >= 0 && (run_len[decimal_at] > exponent))
    return fail_decimals (currency, exponent, error);

  /* Validate the grouping of the integer part. */
  n_int_runs = decimal_at >= 0 ? (gsize) decimal_at : n_runs;
  if (n_int_runs > 1)
    {
      if (run_len[0] > 3 || run_start[0][0] == '0')
        return fail_grouping (error);
      group_kind = seps[0];
      for (gsize i = 1; i < n_int_runs; i++)
        {
          if (run_len[i] != 3 || seps[i - 1] != group_kind)
            return fail_grouping (error);
        }
    }

  /* Accumulate |amount| in minor units, allowing one more than G_MAXINT64 when negative. */
  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;

  for (gsize i = 0; i < n_int_runs; i++)
    for (gsize k = 0; k < run_len[i]; k++)
      {
        guint d = run_start[i][k] - '0';

        if (magnitude > (limit - d) / 10)
          return fail_range (error);
        magnitude = magnitude * 10 + d;
      }

  for (guint k = 0; k < exponent; k++)
    {
      guint d = 0;

      if (decimal_at >= 0 && k < run_len[decimal_at])
        d = run_start[decimal_at][k] - '0';
      if (magnitude > (limit - d) / 10)
        return fail_range (error);
      magnitude = magnitude * 10 + d;
    }

  if (out_amount != NULL)
    {
      if (negative)
        *out_amount = magnitude == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) magnitude;
      else
        *out_amount = (gint64) magnitude;
    }

  return TRUE;
}
