/* bench-util.h — sample statistics shared by the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdlib.h>

static inline int
bench_compare_gint64 (const void *a,
                      const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The @p-th fraction (0.5: the median, 1.0: the maximum) of @n samples, in the samples' own
 * unit; sorts @samples. */
static inline double
bench_percentile (gint64 *samples,
                  gsize   n,
                  double  p)
{
  g_assert (n > 0);
  qsort (samples, n, sizeof *samples, bench_compare_gint64);
  return (double) samples[MIN (n - 1, (gsize) (p * n))];
}
