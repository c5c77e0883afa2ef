/* bo-print-pdf.c — a BoPrintDoc as PDF, for CUPS queues and office printers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-print-pdf.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "print/bo-print-error.h"

#define MM (72.0 / 25.4)
#define TICKET_W (210 * MM)
#define TICKET_H (74 * MM)
#define A4_W (210 * MM)
#define A4_H (297 * MM)
#define ROLL_W (80 * MM)
#define TICKETS_PER_A4 4
#define QR_QUIET_MODULES 4

struct _BoPdfRenderer
{
  GObject    parent_instance;

  BoPdfPaper paper;
};

G_DEFINE_FINAL_TYPE (BoPdfRenderer, bo_pdf_renderer, G_TYPE_OBJECT)

typedef struct {
  cairo_t     *cr;
  PangoLayout *layout;
  double       font_scale; /* 1 on A4 and tickets, smaller on a roll */
  GError      *error;
} Pdf;

static const char * const paper_names[] = { "ticket", "a4", "roll80" };

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_font (Pdf             *p,
          BoPrintTextFlags flags)
{
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  double points = (flags & BO_PRINT_TEXT_LARGE) ? 20 : 13;

  pango_font_description_set_size (font, (int) (points * p->font_scale * PANGO_SCALE));
  if (flags & (BO_PRINT_TEXT_BOLD | BO_PRINT_TEXT_LARGE))
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (p->layout, font);
  pango_font_description_free (font);
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Lays out (and when @draw, shows) a text block in the column; returns its height. */
static double
text_block (Pdf                *p,
            const BoPrintBlock *block,
            double              x,
            double              width,
            double              y,
            gboolean            draw)
{
  PangoLayout *layout = p->layout;
  PangoAlignment alignment = block->align == BO_PRINT_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                             : block->align == BO_PRINT_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                             : PANGO_ALIGN_LEFT;
  double right_width = 0, right_height = 0, left_height;

  set_font (p, block->flags);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  if (block->right != NULL)
    {
      int w;

      pango_layout_set_width (layout, -1);
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
      pango_layout_set_text (layout, block->right, -1);
      pango_layout_get_size (layout, &w, NULL);
      right_width = (double) w / PANGO_SCALE;
      /* Only an amount wider than half the column wraps. */
      if (right_width > width / 2)
        {
          right_width = width / 2;
          pango_layout_set_width (layout, (int) (right_width * PANGO_SCALE));
        }
      right_height = layout_height (layout);
      if (draw)
        {
          cairo_move_to (p->cr, x + width - right_width, y);
          pango_cairo_show_layout (p->cr, layout);
        }
      right_width += 3 * MM;
      alignment = PANGO_ALIGN_LEFT;
    }

  pango_layout_set_width (layout, (int) ((width - right_width) * PANGO_SCALE));
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, block->text, -1);
  left_height = layout_height (layout);
  if (draw)
    {
      cairo_move_to (p->cr, x, y);
      pango_cairo_show_layout (p->cr, layout);
    }
  return MAX (left_height, right_height);
}

static void
draw_rule (Pdf   *p,
           double x,
           double width,
           double y,
           gboolean dashed)
{
  double dash = 2 * MM;

  cairo_save (p->cr);
  cairo_set_line_width (p->cr, dashed ? 0.3 : 0.6);
  if (dashed)
    {
      cairo_set_source_rgb (p->cr, 0.5, 0.5, 0.5);
      cairo_set_dash (p->cr, &dash, 1, 0);
    }
  cairo_move_to (p->cr, x, y);
  cairo_line_to (p->cr, x + width, y);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
}

/* The QR code in a @size square at (x, y), quiet zone included, one rectangle per module. */
static gboolean
draw_qr (Pdf        *p,
         const char *data,
         double      x,
         double      y,
         double      size)
{
  QRcode *qr = QRcode_encodeString (data, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  double module;

  if (qr == NULL)
    {
      if (p->error == NULL)
        g_set_error (&p->error, BO_PRINT_ERROR, BO_PRINT_ERROR_FORMAT,
                     _("The QR code cannot be made: %s"), g_strerror (errno));
      return FALSE;
    }
  module = size / (qr->width + 2 * QR_QUIET_MODULES);
  x += QR_QUIET_MODULES * module;
  y += QR_QUIET_MODULES * module;
  for (int my = 0; my < qr->width; my++)
    for (int mx = 0; mx < qr->width; mx++)
      if (qr->data[my * qr->width + mx] & 1)
        cairo_rectangle (p->cr, x + mx * module, y + my * module, module, module);
  cairo_fill (p->cr);
  QRcode_free (qr);
  return TRUE;
}

/* One ticket in a 210 × 74 mm box: text down the left, the QR code square on the right. */
static void
ticket_box (Pdf        *p,
            BoPrintDoc *doc,
            guint       first,
            guint       end,
            double      x0,
            double      y0)
{
  double margin = 6 * MM;
  double qr_side = TICKET_H - 2 * margin;
  double qr_x = x0 + TICKET_W - margin - qr_side;
  double x = x0 + margin;
  double width = qr_x - margin - x;
  double y = y0 + margin;
  gboolean qr_done = FALSE;

  for (guint i = first; i < end; i++)
    {
      const BoPrintBlock *block = bo_print_doc_get_block (doc, i);

      switch (block->kind)
        {
        case BO_PRINT_BLOCK_TEXT:
          y += text_block (p, block, x, width, y, TRUE);
          break;
        case BO_PRINT_BLOCK_RULE:
          draw_rule (p, x, width, y + 1 * MM, FALSE);
          y += 2 * MM;
          break;
        case BO_PRINT_BLOCK_FEED:
          y += block->lines * 2 * MM;
          break;
        case BO_PRINT_BLOCK_QR:
          if (!qr_done)
            qr_done = draw_qr (p, block->text, qr_x, y0 + margin, qr_side);
          break;
        case BO_PRINT_BLOCK_CUT:
        case BO_PRINT_BLOCK_DRAWER:
        default:
          break;
        }
    }
}

static void
render_tickets (Pdf             *p,
                BoPrintDoc      *doc,
                cairo_surface_t *surface,
                BoPdfPaper       paper)
{
  guint n = bo_print_doc_get_n_blocks (doc);
  guint first = 0;
  guint on_page = 0;
  gboolean page_open = FALSE;
  double offset = paper == BO_PDF_PAPER_A4 ? (A4_H - TICKETS_PER_A4 * TICKET_H) / 2 : 0;

  for (guint i = 0; i <= n; i++)
    {
      gboolean piece_ends = i == n || bo_print_doc_get_block (doc, i)->kind == BO_PRINT_BLOCK_CUT;
      gboolean has_content = FALSE;

      if (!piece_ends)
        continue;
      for (guint j = first; j < i; j++)
        if (bo_print_doc_get_block (doc, j)->kind != BO_PRINT_BLOCK_DRAWER)
          has_content = TRUE;
      if (has_content)
        {
          double y0 = offset + on_page * TICKET_H;

          if (paper == BO_PDF_PAPER_A4 && on_page > 0)
            draw_rule (p, 0, TICKET_W, y0, TRUE);
          ticket_box (p, doc, first, i, 0, paper == BO_PDF_PAPER_A4 ? y0 : 0);
          page_open = TRUE;
          on_page++;
          if (paper != BO_PDF_PAPER_A4 || on_page == TICKETS_PER_A4)
            {
              cairo_show_page (p->cr);
              page_open = FALSE;
              on_page = 0;
            }
        }
      first = i + 1;
    }
  if (page_open)
    cairo_show_page (p->cr);
}

static double
flow_block_height (Pdf                *p,
                   const BoPrintBlock *block,
                   double              x,
                   double              width,
                   double              y,
                   gboolean            draw)
{
  double qr_side = MIN (width, 45 * MM);

  switch (block->kind)
    {
    case BO_PRINT_BLOCK_TEXT:
      return text_block (p, block, x, width, y, draw) + 0.5 * MM;
    case BO_PRINT_BLOCK_RULE:
      if (draw)
        draw_rule (p, x, width, y + 1.5 * MM, FALSE);
      return 3 * MM;
    case BO_PRINT_BLOCK_FEED:
      return block->lines * 4 * MM * p->font_scale;
    case BO_PRINT_BLOCK_QR:
      if (draw)
        draw_qr (p, block->text, x + (width - qr_side) / 2, y, qr_side);
      return qr_side + 2 * MM;
    case BO_PRINT_BLOCK_CUT:
    case BO_PRINT_BLOCK_DRAWER:
    default:
      return 0;
    }
}

/* Receipts and reports: blocks one under the other; a cut starts a new A4 page or draws a
 * cut mark on a roll. Returns the height used on the last page. */
static double
render_flow (Pdf        *p,
             BoPrintDoc *doc,
             double      page_width,
             double      page_height,
             double      margin,
             gboolean    draw)
{
  guint n = bo_print_doc_get_n_blocks (doc);
  double x = margin;
  double width = page_width - 2 * margin;
  double y = margin;

  for (guint i = 0; i < n; i++)
    {
      const BoPrintBlock *block = bo_print_doc_get_block (doc, i);
      gboolean last = TRUE;
      double height;

      if (block->kind == BO_PRINT_BLOCK_CUT)
        {
          for (guint j = i + 1; j < n; j++)
            if (bo_print_doc_get_block (doc, j)->kind != BO_PRINT_BLOCK_DRAWER)
              last = FALSE;
          if (last)
            continue;
          if (page_height > 0)
            {
              if (draw)
                cairo_show_page (p->cr);
              y = margin;
            }
          else
            {
              if (draw)
                draw_rule (p, 0, page_width, y + 2 * MM, TRUE);
              y += 4 * MM;
            }
          continue;
        }

      height = flow_block_height (p, block, x, width, y, FALSE);
      if (page_height > 0 && y + height > page_height - margin && y > margin)
        {
          if (draw)
            cairo_show_page (p->cr);
          y = margin;
        }
      if (draw)
        flow_block_height (p, block, x, width, y, TRUE);
      y += height;
    }
  if (draw)
    cairo_show_page (p->cr);
  return y + margin;
}

static void
bo_pdf_renderer_class_init (BoPdfRendererClass *klass)
{
}

static void
bo_pdf_renderer_init (BoPdfRenderer *self)
{
}

gboolean
bo_pdf_paper_from_string (const char *text,
                          BoPdfPaper *out_paper)
{
  for (guint i = 0; i < G_N_ELEMENTS (paper_names); i++)
    {
      if (g_strcmp0 (text, paper_names[i]) == 0)
        {
          *out_paper = (BoPdfPaper) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
bo_pdf_paper_to_string (BoPdfPaper paper)
{
  g_return_val_if_fail (paper <= BO_PDF_PAPER_ROLL_80, NULL);
  return paper_names[paper];
}

BoPdfRenderer *
bo_pdf_renderer_new (BoPdfPaper paper)
{
  BoPdfRenderer *self = g_object_new (BO_TYPE_PDF_RENDERER, NULL);

  self->paper = paper;
  return self;
}

BoPdfPaper
bo_pdf_renderer_get_paper (BoPdfRenderer *self)
{
  g_return_val_if_fail (BO_IS_PDF_RENDERER (self), BO_PDF_PAPER_A4);
  return self->paper;
}

GBytes *
bo_pdf_renderer_render (BoPdfRenderer *self,
                        BoPrintDoc    *doc,
                        GError       **error)
{
  g_autoptr (GByteArray) out = NULL;
  BoPdfPaper paper;
  gboolean tickets;
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf p = { NULL, };
  double width, height;

  g_return_val_if_fail (BO_IS_PDF_RENDERER (self), NULL);
  g_return_val_if_fail (BO_IS_PRINT_DOC (doc), NULL);

  tickets = bo_print_doc_get_kind (doc) == BO_PRINT_DOC_TICKETS;
  paper = self->paper;
  /* Ticket stock is for tickets; a receipt sent to such a queue flows on A4. */
  if (!tickets && paper == BO_PDF_PAPER_TICKET)
    paper = BO_PDF_PAPER_A4;
  if (tickets && paper == BO_PDF_PAPER_ROLL_80)
    tickets = FALSE;
  if (bo_print_doc_get_n_pieces (doc) == 0)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FORMAT, _("There is nothing to print"));
      return NULL;
    }

  width = paper == BO_PDF_PAPER_TICKET ? TICKET_W : paper == BO_PDF_PAPER_A4 ? A4_W : ROLL_W;
  height = paper == BO_PDF_PAPER_TICKET ? TICKET_H : A4_H;
  out = g_byte_array_sized_new (32 * 1024);
  surface = cairo_pdf_surface_create_for_stream (write_cb, out, width, height);
  if (bo_print_doc_get_title (doc) != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                    bo_print_doc_get_title (doc));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Bilten Box Office");
  p.cr = cairo_create (surface);
  p.layout = pango_cairo_create_layout (p.cr);
  /* One user unit of a PDF surface is a point: sizes in points need 72 dpi, not Pango's 96. */
  pango_cairo_context_set_resolution (pango_layout_get_context (p.layout), 72);
  pango_layout_context_changed (p.layout);
  p.font_scale = paper == BO_PDF_PAPER_ROLL_80 ? 0.7 : 1.0;

  if (tickets)
    render_tickets (&p, doc, surface, paper);
  else if (paper == BO_PDF_PAPER_ROLL_80)
    {
      /* Measured with the PDF's own context, so the page is exactly as long as the paper. */
      double length = render_flow (&p, doc, width, 0, 4 * MM, FALSE);

      cairo_pdf_surface_set_size (surface, width, MAX (length, 40 * MM));
      render_flow (&p, doc, width, 0, 4 * MM, TRUE);
    }
  else
    render_flow (&p, doc, width, height, 18 * MM, TRUE);

  g_object_unref (p.layout);
  cairo_destroy (p.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (p.error != NULL)
    {
      g_propagate_error (error, p.error);
      return NULL;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FORMAT,
                   _("The PDF cannot be made: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
