/* test-money.c — currency exponents, formatting and parsing of amounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Locale tests need the glibc locales bs_BA, de_DE, de_CH, en_US, en_IE, en_CA, fr_FR, hr_HR,
 * ja_JP and nl_NL, all .UTF-8 (Debian: package `locales`, their lines enabled in /etc/locale.gen,
 * then `locale-gen`); each test is skipped when its locale is missing. The comparison with
 * strfmon() uses whichever of its list is installed.
 */
#include <gio/gio.h>
#include <locale.h>
#include <monetary.h>
#include <string.h>

#include "domain/bo-money.h"

#define NNBSP "\u202f" /* NARROW NO-BREAK SPACE, glibc's grouping in fr_FR and bs_BA */

/* Switches the whole locale; skips the test (returning FALSE) when it is not installed. */
static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("locale %s is not installed (package locales + "
                                              "locale-gen)", name);
      g_test_skip (msg);
      return FALSE;
    }
  return TRUE;
}

static void
restore_locale (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

static void
assert_format (gint64      amount,
               const char *currency,
               const char *expected)
{
  g_autofree char *text = bo_money_format (amount, currency);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_plain (gint64      amount,
              const char *currency,
              const char *expected)
{
  g_autofree char *text = bo_money_format_plain (amount, currency);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_parse (const char *text,
              const char *currency,
              gint64      expected)
{
  g_autoptr (GError) error = NULL;
  gint64 amount = 42424242;

  if (!bo_money_parse (text, currency, &amount, &error))
    g_error ("“%s” (%s) did not parse: %s", text, currency, error->message);
  g_assert_no_error (error);
  if (amount != expected)
    g_error ("“%s” (%s) parsed as %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
             text, currency, amount, expected);
}

static void
assert_reject (const char *text,
               const char *currency)
{
  g_autoptr (GError) error = NULL;
  gint64 amount = 42424242;

  if (bo_money_parse (text, currency, &amount, &error))
    g_error ("“%s” (%s) was accepted as %" G_GINT64_FORMAT, text, currency, amount);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  /* A failed parse leaves the output alone. */
  g_assert_cmpint (amount, ==, 42424242);
}

static void
test_exponent (void)
{
  static const struct {
    const char *code;
    guint       exponent;
  } cases[] = {
    { "EUR", 2 }, { "BAM", 2 }, { "USD", 2 }, { "RSD", 2 }, { "HUF", 2 }, { "CHF", 2 },
    { "JPY", 0 }, { "KRW", 0 }, { "ISK", 0 }, { "CLP", 0 }, { "VND", 0 }, { "XOF", 0 },
    { "BHD", 3 }, { "KWD", 3 }, { "OMR", 3 }, { "JOD", 3 }, { "TND", 3 }, { "IQD", 3 },
    { "LYD", 3 }, { "CLF", 4 },
    /* Unknown or not upper-case: the common 2. */
    { "XYZ", 2 }, { "jpy", 2 }, { "Kwd", 2 }, { "", 2 }, { "JPYX", 2 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].code);
      g_assert_cmpuint (bo_currency_exponent (cases[i].code), ==, cases[i].exponent);
    }
  g_assert_cmpuint (bo_currency_exponent (NULL), ==, 2);
}

static void
test_format_plain (void)
{
  assert_plain (1250, "EUR", "12.50");
  assert_plain (-5, "EUR", "-0.05");
  assert_plain (0, "EUR", "0.00");
  assert_plain (100, "EUR", "1.00");
  assert_plain (123456789, "EUR", "1234567.89");
  assert_plain (1250, "JPY", "1250");
  assert_plain (-1250, "JPY", "-1250");
  assert_plain (0, "JPY", "0");
  assert_plain (1234567, "KWD", "1234.567");
  assert_plain (-5, "KWD", "-0.005");
  assert_plain (1, "CLF", "0.0001");
  /* Past 2^53, where a double would already have lost the last digit. */
  assert_plain ((G_GINT64_CONSTANT (1) << 53) + 1, "EUR", "90071992547409.93");
  assert_plain (G_MAXINT64, "EUR", "92233720368547758.07");
  assert_plain (G_MININT64, "EUR", "-92233720368547758.08");
  assert_plain (G_MININT64, "JPY", "-9223372036854775808");
  assert_plain (G_MAXINT64, "KWD", "9223372036854775.807");

  /* Independent of the locale. */
  if (setlocale (LC_ALL, "de_DE.UTF-8") != NULL)
    {
      assert_plain (123456789, "EUR", "1234567.89");
      assert_plain (-1250, "EUR", "-12.50");
    }
  restore_locale ();
}

static void
test_format_c (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  assert_format (1250, "EUR", "12.50 EUR");
  assert_format (-1250, "EUR", "-12.50 EUR");
  assert_format (0, "EUR", "0.00 EUR");
  assert_format (-5, "EUR", "-0.05 EUR");
  assert_format (123456789, "BAM", "1234567.89 BAM");
  assert_format (1250, "JPY", "1250 JPY");
  assert_format (1234567, "KWD", "1234.567 KWD");
  assert_format (G_MAXINT64, "EUR", "92233720368547758.07 EUR");
  assert_format (G_MININT64, "EUR", "-92233720368547758.08 EUR");

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  assert_format (1250, "EUR", "12.50 EUR");
  restore_locale ();
}

static void
test_format_numeric_fallback (void)
{
  /* No monetary conventions, but a German LC_NUMERIC: its separators are used. */
  if (!use_locale ("de_DE.UTF-8"))
    return;
  g_assert_nonnull (setlocale (LC_MONETARY, "C"));

  assert_format (1250, "EUR", "12,50 EUR");
  assert_format (-123456789, "EUR", "-1.234.567,89 EUR");
  restore_locale ();
}

static void
test_format_de (void)
{
  if (!use_locale ("de_DE.UTF-8"))
    return;

  assert_format (1250, "EUR", "12,50 €");
  assert_format (-1250, "EUR", "-12,50 €");
  assert_format (0, "EUR", "0,00 €");
  assert_format (-5, "EUR", "-0,05 €");
  assert_format (100000, "EUR", "1.000,00 €");
  assert_format (123456789, "EUR", "1.234.567,89 €");
  /* Foreign currencies: the locale's layout, the currency's own symbol and digits. */
  assert_format (1250, "BAM", "12,50 KM");
  assert_format (1250, "USD", "12,50 $");
  assert_format (1250, "CHF", "12,50 CHF");
  assert_format (1250, "RSD", "12,50 din.");
  assert_format (1250, "JPY", "1.250 ¥");
  assert_format (1234567, "KWD", "1.234,567 KWD");
  assert_format (1250, "XYZ", "12,50 XYZ");
  assert_format (G_MAXINT64, "EUR", "92.233.720.368.547.758,07 €");
  assert_format (G_MININT64, "EUR", "-92.233.720.368.547.758,08 €");
  restore_locale ();
}

static void
test_format_bs (void)
{
  if (!use_locale ("bs_BA.UTF-8"))
    return;

  /* glibc's bs_BA puts the symbol first ("KM 12,50") and groups with U+202F. */
  assert_format (1250, "BAM", "KM 12,50");
  assert_format (-1250, "BAM", "-KM 12,50");
  assert_format (123456789, "BAM", "KM 1" NNBSP "234" NNBSP "567,89");
  assert_format (1250, "EUR", "€ 12,50");
  assert_format (-1250, "EUR", "-€ 12,50");
  assert_format (1250, "JPY", "¥ 1" NNBSP "250");
  restore_locale ();
}

static void
test_format_en (void)
{
  if (!use_locale ("en_US.UTF-8"))
    return;

  assert_format (1250, "USD", "$12.50");
  assert_format (-1250, "USD", "-$12.50");
  assert_format (123456789, "USD", "$1,234,567.89");
  assert_format (1250, "EUR", "€12.50");
  assert_format (1250, "GBP", "£12.50");
  assert_format (1250, "JPY", "¥1,250");
  /* Letters never touch the digits, even where "$" does. */
  assert_format (1250, "BAM", "KM 12.50");
  assert_format (-1250, "BAM", "-KM 12.50");
  assert_format (1250, "CHF", "CHF 12.50");
  assert_format (1250, "RSD", "din. 12.50");
  assert_format (1250, "XYZ", "XYZ 12.50");
  assert_format (G_MININT64, "USD", "-$92,233,720,368,547,758.08");

  if (use_locale ("en_IE.UTF-8"))
    {
      assert_format (1250, "EUR", "€12.50");
      assert_format (-1250, "EUR", "-€12.50");
      assert_format (1250, "USD", "$12.50");
    }
  restore_locale ();
}

static void
test_format_en_ca (void)
{
  if (!use_locale ("en_CA.UTF-8"))
    return;

  assert_format (1250, "CAD", "$12.50");
  /* "$" is the locale's own dollar: another one is spelt out. */
  assert_format (1250, "USD", "USD 12.50");
  assert_format (1250, "EUR", "€12.50");
  restore_locale ();
}

static void
test_format_fr (void)
{
  if (!use_locale ("fr_FR.UTF-8"))
    return;

  assert_format (1250, "EUR", "12,50 €");
  assert_format (-123456, "EUR", "-1" NNBSP "234,56 €");
  assert_format (1250, "BAM", "12,50 KM");
  restore_locale ();
}

static void
test_format_sign_positions (void)
{
  /* de_CH: the sign right after the symbol, then the space (n_sign_posn 4, n_sep_by_space 1:
   * "CHF- 12.50", as glibc's strfmon prints it), grouping with U+2019. */
  if (use_locale ("de_CH.UTF-8"))
    {
      assert_format (123456, "CHF", "CHF 1’234.56");
      assert_format (-1250, "CHF", "CHF- 12.50");
      assert_format (-1250, "EUR", "€- 12.50");
      assert_format (-1250, "BAM", "KM- 12.50");
    }
  /* ja_JP: no space at all (sep_by_space 0); letters still get one. */
  if (use_locale ("ja_JP.UTF-8"))
    {
      assert_format (-1250, "JPY", "￥-1,250");
      assert_format (-1250, "EUR", "€-12.50");
      assert_format (-1250, "BAM", "KM -12.50");
    }
  /* nl_NL: "€ -12,50" (n_sep_by_space 2, n_sign_posn 4). */
  if (use_locale ("nl_NL.UTF-8"))
    {
      assert_format (1250, "EUR", "€ 12,50");
      assert_format (-1250, "EUR", "€ -12,50");
    }
  restore_locale ();
}

/* For a locale's own currency the layout must be the one glibc's strfmon() gives; strfmon
 * goes through a double, so keep the amounts small. */
static void
test_format_matches_strfmon (void)
{
  static const char *const locales[] = {
    "de_DE.UTF-8", "bs_BA.UTF-8", "en_US.UTF-8", "en_IE.UTF-8", "en_CA.UTF-8", "fr_FR.UTF-8",
    "de_CH.UTF-8", "nl_NL.UTF-8", "sr_RS.UTF-8", "hr_HR.UTF-8", "ja_JP.UTF-8", "nb_NO.UTF-8",
    "pt_BR.UTF-8", "pl_PL.UTF-8", "hu_HU.UTF-8", "it_CH.UTF-8", "ar_BH.UTF-8",
    /* sep_by_space 2 and sign_posn 0 (parentheses) */
    "da_DK.UTF-8", "uk_UA.UTF-8", "th_TH.UTF-8", "kk_KZ.UTF-8", "fr_CA.UTF-8", "en_HK.UTF-8",
  };
  static const gint64 amounts[] = { 0, 5, 1250, -1250, 123456789, -123456789 };
  guint checked = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      const struct lconv *lc;
      char currency[4] = { 0 };
      int frac_digits;

      if (setlocale (LC_ALL, locales[i]) == NULL)
        continue;

      lc = localeconv ();
      if (strlen (lc->int_curr_symbol) < 3)
        continue;
      memcpy (currency, lc->int_curr_symbol, 3);
      frac_digits = lc->frac_digits;
      if ((guint) frac_digits != bo_currency_exponent (currency))
        continue;

      for (gsize k = 0; k < G_N_ELEMENTS (amounts); k++)
        {
          g_autofree char *ours = bo_money_format (amounts[k], currency);
          char theirs[128];
          double value = (double) amounts[k];

          for (int d = 0; d < frac_digits; d++)
            value /= 10;
          g_assert_cmpint (strfmon (theirs, sizeof theirs, "%n", value), >, 0);
          g_test_message ("%s %s: %s", locales[i], currency, theirs);
          g_assert_cmpstr (ours, ==, theirs);
          checked++;
        }
    }
  restore_locale ();

  if (checked == 0)
    g_test_skip ("no locale with monetary data is installed");
}

static void
test_parse_accept (void)
{
  assert_parse ("12", "EUR", 1200);
  assert_parse ("12.5", "EUR", 1250);
  assert_parse ("12.50", "EUR", 1250);
  assert_parse ("12,50", "EUR", 1250);
  assert_parse ("12,5", "EUR", 1250);
  assert_parse ("0.05", "EUR", 5);
  assert_parse ("0", "EUR", 0);
  assert_parse ("-0", "EUR", 0);
  assert_parse ("007.5", "EUR", 750);
  assert_parse ("-3", "EUR", -300);
  assert_parse ("+3", "EUR", 300);
  assert_parse ("-3.00", "EUR", -300);
  assert_parse ("-0,05", "EUR", -5);
  assert_parse ("\u22123", "EUR", -300); /* MINUS SIGN */
  assert_parse ("  12.50 ", "EUR", 1250);
  assert_parse ("\t\n12,50\r\n", "EUR", 1250);
  assert_parse ("\u00a012,50\u202f", "EUR", 1250);

  /* Grouped. */
  assert_parse ("1 234,50", "EUR", 123450);
  assert_parse ("1 234,5", "EUR", 123450);
  assert_parse ("1 234", "EUR", 123400);
  assert_parse ("1\u00a0234,50", "EUR", 123450);
  assert_parse ("1" NNBSP "234" NNBSP "567,89", "EUR", 123456789);
  assert_parse ("1.234,50", "EUR", 123450);
  assert_parse ("1,234.50", "EUR", 123450);
  assert_parse ("1.234.567,89", "EUR", 123456789);
  assert_parse ("1,234,567.89", "EUR", 123456789);
  assert_parse ("1'234.50", "CHF", 123450);
  assert_parse ("1’234.50", "CHF", 123450);
  assert_parse ("-1.234,50", "EUR", -123450);

  /* Other exponents. */
  assert_parse ("1250", "JPY", 1250);
  assert_parse ("1.250", "JPY", 1250);
  assert_parse ("1,250", "JPY", 1250);
  assert_parse ("1.234,567", "KWD", 1234567);
  assert_parse ("1.5", "KWD", 1500);
  assert_parse ("0.005", "KWD", 5);
  assert_parse ("1,2345", "CLF", 12345);

  /* The extremes of gint64. */
  assert_parse ("92233720368547758.07", "EUR", G_MAXINT64);
  assert_parse ("-92233720368547758.08", "EUR", G_MININT64);
  assert_parse ("92.233.720.368.547.758,07", "EUR", G_MAXINT64);
  assert_parse ("9223372036854775807", "JPY", G_MAXINT64);
  assert_parse ("-9223372036854775808", "JPY", G_MININT64);
  assert_parse ("000000000000000000000000000001", "JPY", 1);

  /* Validation only. */
  g_assert_true (bo_money_parse ("12,50", "EUR", NULL, NULL));
}

static void
test_parse_ambiguity (void)
{
  /* One '.' or ',' followed by exactly three digits groups thousands when the currency has
   * fewer than three decimals: a price of 1.234 EUR cannot exist. */
  assert_parse ("1,234", "EUR", 123400);
  assert_parse ("1.234", "EUR", 123400);
  assert_parse ("12.345", "EUR", 1234500);
  assert_parse ("1,234", "BAM", 123400);
  /* ... but is the decimal separator where there are three decimals. */
  assert_parse ("1,234", "KWD", 1234);
  assert_parse ("1.234", "KWD", 1234);
  /* Repeated, it can only group. */
  assert_parse ("1.234.567", "EUR", 123456700);
  assert_parse ("1,234,567", "KWD", 1234567000);
  /* Preceded by the other mark, it is the decimal separator whatever follows. */
  assert_parse ("1.234,5", "EUR", 123450);
  assert_parse ("1,234.56", "EUR", 123456);
  /* One or two digits after it: decimals. */
  assert_parse ("1,23", "EUR", 123);
  assert_parse ("1.2", "EUR", 120);
  /* Neither reading is a valid amount: rejected rather than guessed. */
  assert_reject ("0,500", "EUR");
  assert_reject ("0.500", "EUR");
  assert_reject ("1234,567", "EUR");
  assert_reject ("1 234,567", "EUR");
  assert_reject ("1.234,567", "EUR");
  assert_reject ("1,234.567", "EUR");
}

static void
test_parse_reject (void)
{
  static const char *const garbage[] = {
    "", " ", "\t\n", "abc", "12a", "a12", "12 €", "€12", "EUR 12", "1e5", "1E5", "nan", "NaN",
    "inf", "-inf", "0x10", "12.50.", ".5", ",5", "5.", "5,", "--3", "-+3", "+-3", "++3", "3-",
    "- 3", "-", "+", "1..2", "1,,2", "1.,2", "1,.2", "1  234", "1 2", "12 34", "1,23,456",
    "1.234.5", "1.234 567", "1 234.567.890", "01.234", "1_234", "1\n2", "1\t234", "١٢",
    "１２", "\xff" "12", "12\xc3", "1\xf0", "\xf0",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autofree char *escaped = g_strescape (garbage[i], NULL);

      g_test_message ("“%s”", escaped);
      assert_reject (garbage[i], "EUR");
    }

  /* More decimals than the currency has. */
  assert_reject ("12.5055", "EUR");
  assert_reject ("0,001", "EUR");
  assert_reject ("1.234,567", "EUR");
  assert_reject ("12.5", "JPY");
  assert_reject ("12,50", "JPY");
  assert_reject ("1,5", "JPY");
  assert_reject ("12.3456", "KWD");

  /* Past gint64. */
  assert_reject ("92233720368547758.08", "EUR");
  assert_reject ("-92233720368547758.09", "EUR");
  assert_reject ("92233720368547759", "EUR");
  assert_reject ("99999999999999999999", "EUR");
  assert_reject ("9223372036854775808", "JPY");
  assert_reject ("-9223372036854775809", "JPY");
  assert_reject ("9.223.372.036.854.775.808", "JPY");
  assert_reject ("100000000000000000000000000000000000000000", "JPY");
}

static void
test_parse_messages (void)
{
  g_autoptr (GError) empty = NULL;
  g_autoptr (GError) decimals = NULL;
  g_autoptr (GError) whole = NULL;
  g_autoptr (GError) range = NULL;
  g_autoptr (GError) mixed = NULL;
  g_autoptr (GError) groups = NULL;

  g_assert_false (bo_money_parse ("", "EUR", NULL, &empty));
  g_assert_false (bo_money_parse ("1,2345", "KWD", NULL, &decimals));
  g_assert_false (bo_money_parse ("1,5", "JPY", NULL, &whole));
  g_assert_false (bo_money_parse ("99999999999999999999", "EUR", NULL, &range));
  /* After the other mark, a ',' is the decimal separator, so this has too many decimals
   * rather than bad groups. */
  g_assert_false (bo_money_parse ("1.234,567", "EUR", NULL, &mixed));
  g_assert_false (bo_money_parse ("0,500", "EUR", NULL, &groups));

  /* The messages say what is wrong, in words the untranslated UI shows. */
  g_assert_cmpstr (empty->message, ==, "Enter an amount");
  g_assert_cmpstr (decimals->message, ==, "KWD amounts have at most 3 decimal places");
  g_assert_cmpstr (whole->message, ==, "JPY amounts have no decimal places");
  g_assert_cmpstr (range->message, ==, "The amount is too large");
  g_assert_cmpstr (mixed->message, ==, "EUR amounts have at most 2 decimal places");
  g_assert_cmpstr (groups->message, ==,
                   "Not an amount: digit groups must have three digits, like 1 234,50");
}

static void
assert_round_trip (gint64      amount,
                   const char *currency)
{
  g_autofree char *text = bo_money_format_plain (amount, currency);

  assert_parse (text, currency, amount);
}

static void
test_round_trip (void)
{
  static const char *const currencies[] = { "EUR", "BAM", "JPY", "KWD", "CLF" };
  static const gint64 fixed[] = {
    0, 1, -1, 5, 99, 100, 1250, -1250, 123456789, G_GINT64_CONSTANT (1) << 53,
    (G_GINT64_CONSTANT (1) << 53) + 1, G_MAXINT64, G_MAXINT64 - 1, G_MININT64, G_MININT64 + 1,
  };

  for (gsize c = 0; c < G_N_ELEMENTS (currencies); c++)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
        assert_round_trip (fixed[i], currencies[c]);

      for (guint i = 0; i < 2000; i++)
        {
          /* Spread over every magnitude, not only huge numbers. */
          guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();
          gint64 amount = (gint64) (bits >> g_test_rand_int_range (0, 64));

          if (g_test_rand_bit ())
            amount = -amount;
          assert_round_trip (amount, currencies[c]);
        }
    }
}

/* What the locale-aware formatter prints, minus the symbol, is accepted back. */
static void
test_round_trip_localized (void)
{
  static const struct {
    const char *locale;
    const char *suffix;
  } cases[] = {
    { "de_DE.UTF-8", " €" },
    { "fr_FR.UTF-8", " €" },
    { "hr_HR.UTF-8", " €" },
  };
  static const gint64 amounts[] = { 0, 5, 1250, -1250, 123456789, -123456789, G_MAXINT64 };
  guint checked = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (setlocale (LC_ALL, cases[i].locale) == NULL)
        continue;
      for (gsize k = 0; k < G_N_ELEMENTS (amounts); k++)
        {
          g_autofree char *text = bo_money_format (amounts[k], "EUR");

          g_assert_true (g_str_has_suffix (text, cases[i].suffix));
          text[strlen (text) - strlen (cases[i].suffix)] = '\0';
          assert_parse (text, "EUR", amounts[k]);
          checked++;
        }
    }
  restore_locale ();

  if (checked == 0)
    g_test_skip ("de_DE, fr_FR and hr_HR locales are not installed");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bo/money/exponent", test_exponent);
  g_test_add_func ("/bo/money/format-plain", test_format_plain);
  g_test_add_func ("/bo/money/format-c", test_format_c);
  g_test_add_func ("/bo/money/format-numeric-fallback", test_format_numeric_fallback);
  g_test_add_func ("/bo/money/format-de", test_format_de);
  g_test_add_func ("/bo/money/format-bs", test_format_bs);
  g_test_add_func ("/bo/money/format-en", test_format_en);
  g_test_add_func ("/bo/money/format-en-ca", test_format_en_ca);
  g_test_add_func ("/bo/money/format-fr", test_format_fr);
  g_test_add_func ("/bo/money/format-sign-positions", test_format_sign_positions);
  g_test_add_func ("/bo/money/format-matches-strfmon", test_format_matches_strfmon);
  g_test_add_func ("/bo/money/parse-accept", test_parse_accept);
  g_test_add_func ("/bo/money/parse-ambiguity", test_parse_ambiguity);
  g_test_add_func ("/bo/money/parse-reject", test_parse_reject);
  g_test_add_func ("/bo/money/parse-messages", test_parse_messages);
  g_test_add_func ("/bo/money/round-trip", test_round_trip);
  g_test_add_func ("/bo/money/round-trip-localized", test_round_trip_localized);

  return g_test_run ();
}
