/* test-tax.c — tax contained in gross prices and the per-rate breakdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "domain/bo-tax.h"

static void
test_from_gross (void)
{
  static const struct {
    gint64 gross;
    gint   rate_bp;
    gint64 tax;
  } cases[] = {
    { 1250, 2000, 208 },   /* 208.33 */
    { 1200, 2000, 200 },   /* exact */
    { -1250, 2000, -208 }, /* refunds mirror sales */
    { 1000, 1700, 145 },   /* Bosnian VAT: 145.30 */
    { 10000, 1700, 1453 }, /* 1452.99 */
    { 1100, 1000, 100 },
    { 1250, 0, 0 },
    { 0, 2000, 0 },
    { 1, 2000, 0 },
    /* Halves round away from zero: gross / 6 at 20 %, gross / 2 at 100 %. */
    { 3, 2000, 1 },
    { -3, 2000, -1 },
    { 9, 2000, 2 },
    { -9, 2000, -2 },
    { 15, 2000, 3 }, /* 2.5 */
    { 21, 10000, 11 },
    { -21, 10000, -11 },
    /* Just below and at a multiple of 10000 + rate, where gross splits into q * d + r. */
    { 11999, 2000, 2000 }, /* 1999.83 */
    { 12000, 2000, 2000 },
    { 12001, 2000, 2000 },
    { -11999, 2000, -2000 },
    { 2, 2000, 0 }, /* 0.33 */
    { 4, 2000, 1 }, /* 0.67 */
    /* Where gross * rate no longer fits in 64 bits. */
    { G_MAXINT64, 2000, G_GINT64_CONSTANT (1537228672809129301) },
    { G_MININT64, 2000, G_GINT64_CONSTANT (-1537228672809129301) },
    { G_MAXINT64, 10000, G_GINT64_CONSTANT (4611686018427387904) },   /* ...903.5 */
    { G_MININT64, 10000, G_GINT64_CONSTANT (-4611686018427387904) },
    { G_MAXINT64, 1700, G_GINT64_CONSTANT (1340148073731035801) },
    { G_MAXINT64 - 1, 2000, G_GINT64_CONSTANT (1537228672809129301) }, /* exact */
    { G_MAXINT64, G_MAXINT, G_GINT64_CONSTANT (9223329087381794876) },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 tax = bo_tax_from_gross (cases[i].gross, cases[i].rate_bp);

      g_test_message ("%" G_GINT64_FORMAT " at %d bp", cases[i].gross, cases[i].rate_bp);
      g_assert_cmpint (tax, ==, cases[i].tax);
    }
}

#ifdef __SIZEOF_INT128__
static gint64
reference_tax (gint64 gross,
               gint   rate_bp)
{
  __int128 num = (__int128) gross * rate_bp;
  __int128 den = (__int128) 10000 + rate_bp;
  __int128 q = num / den; /* truncates toward zero */
  __int128 r = num % den;

  if (r < 0)
    r = -r;
  if (2 * r >= den)
    q += num < 0 ? -1 : 1;
  return (gint64) q;
}
#endif

static void
test_from_gross_reference (void)
{
#ifdef __SIZEOF_INT128__
  static const gint rates[] = { 0, 1, 500, 700, 1000, 1300, 1700, 1800, 2000, 2500, 10000,
                                99999, G_MAXINT };

  for (guint i = 0; i < 20000; i++)
    {
      guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();
      gint64 gross = (gint64) bits >> g_test_rand_int_range (0, 64);
      gint rate = rates[g_test_rand_int_range (0, G_N_ELEMENTS (rates))];

      if (bo_tax_from_gross (gross, rate) != reference_tax (gross, rate))
        g_error ("%" G_GINT64_FORMAT " at %d: %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 gross, rate, bo_tax_from_gross (gross, rate), reference_tax (gross, rate));
    }
#else
  g_test_skip ("no 128-bit integers on this platform");
#endif
}

static const BoTaxLine *
line_at (GArray *lines,
         guint   i)
{
  g_assert_cmpuint (i, <, lines->len);
  return &g_array_index (lines, BoTaxLine, i);
}

static void
assert_line (GArray *lines,
             guint   i,
             gint    rate_bp,
             gint64  gross,
             gint64  net,
             gint64  tax)
{
  const BoTaxLine *line = line_at (lines, i);

  g_assert_cmpint (line->rate_bp, ==, rate_bp);
  g_assert_cmpint (line->gross, ==, gross);
  g_assert_cmpint (line->net, ==, net);
  g_assert_cmpint (line->tax, ==, tax);
  g_assert_cmpint (line->net + line->tax, ==, line->gross);
}

static void
test_lines_new (void)
{
  g_autoptr (GArray) lines = bo_tax_lines_new ();

  g_assert_nonnull (lines);
  g_assert_cmpuint (lines->len, ==, 0);
  g_assert_cmpuint (g_array_get_element_size (lines), ==, sizeof (BoTaxLine));

  /* Nothing in, nothing out. */
  bo_tax_finish (lines);
  g_assert_cmpuint (lines->len, ==, 0);
}

static void
test_breakdown (void)
{
  g_autoptr (GArray) lines = bo_tax_lines_new ();

  bo_tax_add (lines, 2000, 1250);
  bo_tax_add (lines, 1000, 500);
  bo_tax_add (lines, 2000, 1250);
  bo_tax_add (lines, 0, 300);
  bo_tax_add (lines, 1000, 700);

  g_assert_cmpuint (lines->len, ==, 3);
  bo_tax_finish (lines);

  assert_line (lines, 0, 0, 300, 300, 0);
  assert_line (lines, 1, 1000, 1200, 1091, 109); /* 109.09 */
  assert_line (lines, 2, 2000, 2500, 2083, 417); /* 416.67 */
}

static void
test_sorted (void)
{
  static const gint rates[] = { 2000, 500, 1700, 0, 2500, 1000, 500, 2000, 1300, 0, 2500 };
  g_autoptr (GArray) lines = bo_tax_lines_new ();
  gint64 total = 0, sum = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      bo_tax_add (lines, rates[i], 100 * (i + 1));
      total += 100 * (i + 1);
    }
  bo_tax_finish (lines);

  g_assert_cmpuint (lines->len, ==, 7);
  for (guint i = 0; i < lines->len; i++)
    {
      const BoTaxLine *line = line_at (lines, i);

      if (i > 0)
        g_assert_cmpint (line_at (lines, i - 1)->rate_bp, <, line->rate_bp);
      g_assert_cmpint (line->tax, ==, bo_tax_from_gross (line->gross, line->rate_bp));
      g_assert_cmpint (line->net, ==, line->gross - line->tax);
      sum += line->gross;
    }
  g_assert_cmpint (sum, ==, total);

  /* 2000 bp had items 1 and 8; 500 bp had 2 and 7; 0 bp had 4 and 10. */
  assert_line (lines, 0, 0, 1400, 1400, 0);
  assert_line (lines, 1, 500, 900, 857, 43);     /* 42.86 */
  assert_line (lines, 6, 2500, 1600, 1280, 320); /* exact */
}

static void
test_rounded_per_rate (void)
{
  g_autoptr (GArray) lines = bo_tax_lines_new ();
  gint64 per_item = 0;

  /* Three tickets of 1.00 at 20 %: 16.67 cents each, so 17 * 3 = 51 item by item,
   * but the receipt's 20 % line is checked as tax of 3.00 = 50. */
  for (int i = 0; i < 3; i++)
    {
      bo_tax_add (lines, 2000, 100);
      per_item += bo_tax_from_gross (100, 2000);
    }
  bo_tax_finish (lines);

  g_assert_cmpint (per_item, ==, 51);
  g_assert_cmpuint (lines->len, ==, 1);
  assert_line (lines, 0, 2000, 300, 250, 50);

  /* Ten items of 10.00 KM at 17 %: 145 each (1450), 1453 on the total. */
  g_array_set_size (lines, 0);
  for (int i = 0; i < 10; i++)
    bo_tax_add (lines, 1700, 1000);
  bo_tax_finish (lines);
  assert_line (lines, 0, 1700, 10000, 8547, 1453);
}

static void
test_refund_and_refinish (void)
{
  g_autoptr (GArray) lines = bo_tax_lines_new ();

  bo_tax_add (lines, 2000, 1250);
  bo_tax_add (lines, 2000, 1250);
  bo_tax_finish (lines);
  assert_line (lines, 0, 2000, 2500, 2083, 417);

  /* Finishing twice changes nothing; adding later and finishing again updates. */
  bo_tax_finish (lines);
  assert_line (lines, 0, 2000, 2500, 2083, 417);

  bo_tax_add (lines, 2000, -1250);
  bo_tax_finish (lines);
  assert_line (lines, 0, 2000, 1250, 1042, 208);

  bo_tax_add (lines, 2000, -1250);
  bo_tax_finish (lines);
  assert_line (lines, 0, 2000, 0, 0, 0);

  /* A refund only: negative gross, negative tax. */
  bo_tax_add (lines, 1000, -1100);
  bo_tax_finish (lines);
  g_assert_cmpuint (lines->len, ==, 2);
  assert_line (lines, 0, 1000, -1100, -1000, -100);
}

static void
test_huge (void)
{
  g_autoptr (GArray) lines = bo_tax_lines_new ();

  bo_tax_add (lines, 2000, G_MAXINT64 / 2);
  bo_tax_add (lines, 2000, G_MAXINT64 / 2);
  bo_tax_add (lines, 1000, G_MININT64 / 2);
  bo_tax_add (lines, 1000, G_MININT64 / 2);
  bo_tax_finish (lines);

  /* (2^63 - 2) / 6 is exact; -2^63 / 11 = -838488366986797800.727... */
  assert_line (lines, 0, 1000, G_MININT64, G_GINT64_CONSTANT (-8384883669867978007),
               G_GINT64_CONSTANT (-838488366986797801));
  assert_line (lines, 1, 2000, G_MAXINT64 - 1, G_GINT64_CONSTANT (7686143364045646505),
               G_GINT64_CONSTANT (1537228672809129301));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bo/tax/from-gross", test_from_gross);
  g_test_add_func ("/bo/tax/from-gross-reference", test_from_gross_reference);
  g_test_add_func ("/bo/tax/lines-new", test_lines_new);
  g_test_add_func ("/bo/tax/breakdown", test_breakdown);
  g_test_add_func ("/bo/tax/sorted", test_sorted);
  g_test_add_func ("/bo/tax/rounded-per-rate", test_rounded_per_rate);
  g_test_add_func ("/bo/tax/refund-and-refinish", test_refund_and_refinish);
  g_test_add_func ("/bo/tax/huge", test_huge);

  return g_test_run ();
}
