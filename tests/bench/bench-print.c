/* bench-print.c — a 4-ticket sale's paper as ESC/POS and as PDF, next to the bare libraries
 *
 * "Ours" is what the print queue does for a sale before it meets the printer: the layouts
 * (event and device lookups included) of the four tickets and the receipt, then the
 * renderer. The bare figures are the same work without us: libqrencode encoding the four
 * secrets, and cairo + Pango setting the same lines on a PDF surface with no layout at all.
 * Targets (this machine): under 2 ms per sale as ESC/POS (either QR mode), under 50 ms per
 * sale as PDF; the program fails when a median misses its target.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo-pdf.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "bo-test-util.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "print/bo-escpos.h"
#include "print/bo-print-layout.h"
#include "print/bo-print-pdf.h"

#define N_ESCPOS 2000
#define N_PDF    100
#define TARGET_ESCPOS_MS 2.0
#define TARGET_PDF_MS    50.0

typedef enum { ESCPOS_NATIVE, ESCPOS_RASTER, PDF_TICKET, PDF_A4 } Mode;

/* One sale's paper, as the queue makes it; returns the bytes made. */
static gsize
render_sale (BoStore *store,
             BoOrder *order,
             Mode     mode)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoPrintLayout) layout = bo_print_layout_new (store, order, &error);
  g_autoptr (BoPrintDoc) tickets = bo_print_layout_tickets (layout, 0, FALSE);
  g_autoptr (BoPrintDoc) receipt = bo_print_layout_receipt (layout, FALSE);
  g_autoptr (GBytes) a = NULL;
  g_autoptr (GBytes) b = NULL;

  if (mode == ESCPOS_NATIVE || mode == ESCPOS_RASTER)
    {
      g_autoptr (BoEscposRenderer) renderer = bo_escpos_renderer_new (80);

      bo_escpos_renderer_set_qr_mode (renderer, mode == ESCPOS_RASTER ? BO_ESCPOS_QR_RASTER
                                                                      : BO_ESCPOS_QR_NATIVE);
      a = bo_escpos_renderer_render (renderer, tickets, &error);
      b = bo_escpos_renderer_render (renderer, receipt, &error);
    }
  else
    {
      g_autoptr (BoPdfRenderer) ticket_renderer =
        bo_pdf_renderer_new (mode == PDF_TICKET ? BO_PDF_PAPER_TICKET : BO_PDF_PAPER_A4);
      g_autoptr (BoPdfRenderer) receipt_renderer = bo_pdf_renderer_new (BO_PDF_PAPER_ROLL_80);

      a = bo_pdf_renderer_render (ticket_renderer, tickets, &error);
      b = bo_pdf_renderer_render (receipt_renderer, receipt, &error);
    }
  if (a == NULL || b == NULL)
    g_error ("render: %s", error->message);
  return g_bytes_get_size (a) + g_bytes_get_size (b);
}

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The bare libraries: the same text lines and QR codes on four A4 quarter pages, no layout. */
static gsize
bare_pdf (BoPrintDoc *doc)
{
  gsize size = 0;
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (discard_cb, &size, 595, 842);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 10");
  double y = 20;

  pango_layout_set_font_description (layout, font);
  for (guint i = 0; i < bo_print_doc_get_n_blocks (doc); i++)
    {
      const BoPrintBlock *block = bo_print_doc_get_block (doc, i);

      if (block->kind == BO_PRINT_BLOCK_TEXT)
        {
          pango_layout_set_text (layout, block->text, -1);
          cairo_move_to (cr, 20, y);
          pango_cairo_show_layout (cr, layout);
          y += 14;
        }
      else if (block->kind == BO_PRINT_BLOCK_QR)
        {
          QRcode *qr = QRcode_encodeString (block->text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);

          for (int my = 0; my < qr->width; my++)
            for (int mx = 0; mx < qr->width; mx++)
              if (qr->data[my * qr->width + mx] & 1)
                cairo_rectangle (cr, 400 + mx * 3, y + my * 3, 3, 3);
          cairo_fill (cr);
          y += qr->width * 3;
          QRcode_free (qr);
        }
    }
  cairo_show_page (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return size;
}

static gsize
bare_qr (BoOrder *order)
{
  GPtrArray *tickets = bo_order_get_tickets (order);
  gsize modules = 0;

  for (guint i = 0; i < tickets->len; i++)
    {
      QRcode *qr = QRcode_encodeString (((BoOrderTicket *) tickets->pdata[i])->secret, 0,
                                        QR_ECLEVEL_M, QR_MODE_8, 1);

      modules += (gsize) qr->width * qr->width;
      QRcode_free (qr);
    }
  return modules;
}

static double
time_mode (BoStore *store,
           BoOrder *order,
           Mode     mode,
           guint    n,
           double  *out_p99,
           gsize   *out_bytes)
{
  g_autofree gint64 *samples = g_new (gint64, n);

  for (guint i = 0; i < 5; i++)
    render_sale (store, order, mode);
  for (guint i = 0; i < n; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      *out_bytes = render_sale (store, order, mode);
      samples[i] = g_get_monotonic_time () - t0;
    }
  *out_p99 = bench_percentile (samples, n, 0.99) / 1e3;
  return bench_percentile (samples, n, 0.50) / 1e3;
}

int
main (int    argc,
      char **argv)
{
  BoTestFixture fx = { NULL, };
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autoptr (BoSale) sale = bo_sale_new (1);
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoPrintLayout) layout = NULL;
  g_autoptr (BoPrintDoc) tickets = NULL;
  double native, native_p99, raster, raster_p99, stock, stock_p99, a4, a4_p99;
  gsize native_bytes = 0, raster_bytes = 0, stock_bytes = 0, a4_bytes = 0, bare_bytes = 0;
  gint64 t0, bare_pdf_us, bare_qr_us;
  gsize sink = 0;
  gboolean met;

  setlocale (LC_ALL, "");
  bo_test_fixture_setup (&fx, GINT_TO_POINTER (TRUE));
  shift = bo_shift_open (fx.store, fx.device, fx.cashier, 10000, &error);
  g_assert_no_error (error);
  bo_sale_add_tickets (sale, 11, 3, NULL);
  bo_sale_add_tickets (sale, 13, 1, NULL);
  bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, 20000, NULL);
  order = bo_sale_commit (sale, fx.store, fx.device, fx.cashier, &error);
  g_assert_no_error (error);
  layout = bo_print_layout_new (fx.store, order, &error);
  tickets = bo_print_layout_tickets (layout, 0, FALSE);

  native = time_mode (fx.store, order, ESCPOS_NATIVE, N_ESCPOS, &native_p99, &native_bytes);
  raster = time_mode (fx.store, order, ESCPOS_RASTER, N_ESCPOS / 10, &raster_p99, &raster_bytes);
  stock = time_mode (fx.store, order, PDF_TICKET, N_PDF, &stock_p99, &stock_bytes);
  a4 = time_mode (fx.store, order, PDF_A4, N_PDF, &a4_p99, &a4_bytes);

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < N_ESCPOS; i++)
    sink += bare_qr (order);
  bare_qr_us = g_get_monotonic_time () - t0;
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < N_PDF; i++)
    bare_bytes = bare_pdf (tickets);
  bare_pdf_us = g_get_monotonic_time () - t0;

  printf ("sale to ESC/POS (native QR): p50 %.3f ms, p99 %.3f ms, %zu bytes\n",
          native, native_p99, native_bytes);
  printf ("sale to ESC/POS (raster QR): p50 %.3f ms, p99 %.3f ms, %zu bytes; "
          "bare libqrencode for its 4 QR codes: %.3f ms (ratio %.2f)\n",
          raster, raster_p99, raster_bytes, bare_qr_us / 1000.0 / N_ESCPOS,
          raster / (bare_qr_us / 1000.0 / N_ESCPOS));
  printf ("sale to PDF (ticket stock + roll receipt): p50 %.2f ms, p99 %.2f ms, %zu bytes; "
          "bare cairo+Pango page of the tickets' text and codes: %.2f ms (ratio %.2f)\n",
          stock, stock_p99, stock_bytes, bare_pdf_us / 1000.0 / N_PDF,
          stock / (bare_pdf_us / 1000.0 / N_PDF));
  printf ("sale to PDF (A4, 4 tickets a page + roll receipt): p50 %.2f ms, p99 %.2f ms, "
          "%zu bytes\n", a4, a4_p99, a4_bytes);

  met = native < TARGET_ESCPOS_MS && raster < TARGET_ESCPOS_MS
        && stock < TARGET_PDF_MS && a4 < TARGET_PDF_MS;
  printf ("targets (ESC/POS < %.0f ms, PDF < %.0f ms per sale, p50): %s\n", TARGET_ESCPOS_MS,
          TARGET_PDF_MS, met ? "met" : "MISSED");
  if (sink == 0 || bare_bytes == 0)
    return 1;

  g_clear_object (&tickets);
  g_clear_object (&layout);
  g_clear_object (&order);
  g_clear_object (&shift);
  bo_test_fixture_teardown (&fx, GINT_TO_POINTER (TRUE));
  return met ? 0 : 1;
}
