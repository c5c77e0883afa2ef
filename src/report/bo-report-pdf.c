/* bo-report-pdf.c — a report as a PDF: paginated A4, or one 80 mm receipt strip
 *
 * The layout runs twice with the same code: once to measure (page count for the A4 footer,
 * total length of the receipt strip) on a scratch surface, then for real on the PDF surface.
 * Charts are drawn by bo_chart_draw(), in colour on A4 and black on white on the receipt,
 * which goes to thermal printers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "report/bo-report-render.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#define MM (72.0 / 25.4)

typedef struct {
  BoReport      *report;
  BoReportPaper  paper;
  cairo_t       *cr;
  gboolean       measuring;
  double         page_w;
  double         page_h;   /* A4: the page; receipt: unbounded while measuring */
  double         margin_x;
  double         margin_top;
  double         margin_bottom;
  double         font;     /* body size, points */
  double         chart_h;
  double         y;
  int            page;
  int            n_pages;  /* known in the second pass */
} Pdf;

static double
content_width (Pdf *pdf)
{
  return pdf->page_w - 2 * pdf->margin_x;
}

static PangoLayout *
make_layout (Pdf            *pdf,
             const char     *text,
             double          scale,
             gboolean        bold,
             double          width,
             PangoAlignment  align)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, pdf->font * scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, align);
    }
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) w / PANGO_SCALE;
}

static void
show_layout (Pdf         *pdf,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
draw_footer (Pdf *pdf)
{
  g_autofree char *text = NULL;
  g_autoptr (PangoLayout) left = NULL;
  g_autoptr (PangoLayout) right = NULL;
  double y = pdf->page_h - pdf->margin_bottom + pdf->font;

  text = g_strdup_printf (_("Page %d of %d"), pdf->page, MAX (pdf->n_pages, pdf->page));
  left = make_layout (pdf, bo_report_get_title (pdf->report), 0.8, FALSE,
                      content_width (pdf) * 0.7, PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  right = make_layout (pdf, text, 0.8, FALSE, content_width (pdf), PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (pdf->cr, 0.35, 0.35, 0.35);
  show_layout (pdf, left, pdf->margin_x, y);
  show_layout (pdf, right, pdf->margin_x, y);
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_move_to (pdf->cr, pdf->margin_x, y - pdf->font * 0.3);
  cairo_line_to (pdf->cr, pdf->page_w - pdf->margin_x, y - pdf->font * 0.3);
  cairo_stroke (pdf->cr);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
}

static void
new_page (Pdf *pdf)
{
  draw_footer (pdf);
  if (!pdf->measuring)
    cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = pdf->margin_top;
}

/* Starts a new page when @height does not fit on this one (A4 only: the receipt is one
 * strip). Returns TRUE when it did. */
static gboolean
ensure_space (Pdf    *pdf,
              double  height)
{
  if (pdf->paper != BO_REPORT_PAPER_A4)
    return FALSE;
  if (pdf->y + height <= pdf->page_h - pdf->margin_bottom || pdf->y <= pdf->margin_top)
    return FALSE;
  new_page (pdf);
  return TRUE;
}

static void
hrule (Pdf    *pdf,
       double  y,
       double  width)
{
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  cairo_set_line_width (pdf->cr, width);
  cairo_move_to (pdf->cr, pdf->margin_x, y);
  cairo_line_to (pdf->cr, pdf->page_w - pdf->margin_x, y);
  cairo_stroke (pdf->cr);
}

static void
draw_title (Pdf *pdf)
{
  g_autoptr (PangoLayout) title = make_layout (pdf, bo_report_get_title (pdf->report), 1.6, TRUE,
                                               content_width (pdf), PANGO_ALIGN_LEFT);

  show_layout (pdf, title, pdf->margin_x, pdf->y);
  pdf->y += layout_height (title) + pdf->font * 0.2;
  if (bo_report_get_subtitle (pdf->report) != NULL)
    {
      g_autoptr (PangoLayout) sub = make_layout (pdf, bo_report_get_subtitle (pdf->report), 0.95,
                                                 FALSE, content_width (pdf), PANGO_ALIGN_LEFT);

      show_layout (pdf, sub, pdf->margin_x, pdf->y);
      pdf->y += layout_height (sub);
    }
  pdf->y += pdf->font * 0.4;
  hrule (pdf, pdf->y, 1.2);
  pdf->y += pdf->font * 0.6;
}

static gboolean
kind_is_number (BoReportValueKind kind)
{
  return kind == BO_REPORT_VALUE_COUNT || kind == BO_REPORT_VALUE_MONEY
         || kind == BO_REPORT_VALUE_RATE;
}

static void
draw_chart (Pdf     *pdf,
            BoChart *chart)
{
  ensure_space (pdf, pdf->chart_h + pdf->font);
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, pdf->margin_x, pdf->y);
  bo_chart_draw (chart, pdf->cr, content_width (pdf), pdf->chart_h,
                 pdf->paper == BO_REPORT_PAPER_A4 ? BO_CHART_STYLE_COLOUR
                                                  : BO_CHART_STYLE_MONOCHROME);
  cairo_restore (pdf->cr);
  pdf->y += pdf->chart_h + pdf->font * 0.6;
}

/* Labels on the left; numbers right-aligned in one column after them, texts (names, ids,
 * hashes) from the same left edge, wrapping. */
static void
draw_facts (Pdf             *pdf,
            BoReportSection *section)
{
  double label_w = content_width (pdf) * (pdf->paper == BO_REPORT_PAPER_A4 ? 0.34 : 0.5);
  double value_x = pdf->margin_x + label_w + pdf->font * 0.5;
  double value_w = pdf->page_w - pdf->margin_x - value_x;
  double number_w = 0;
  guint n_rows = bo_report_section_get_n_rows (section);

  for (guint r = 0; r < n_rows; r++)
    {
      const BoReportCell *cell = bo_report_section_get_cell (section, r, 1);
      g_autofree char *text = NULL;
      g_autoptr (PangoLayout) layout = NULL;

      if (!kind_is_number (cell->kind))
        continue;
      text = bo_report_format_cell (pdf->report, cell);
      layout = make_layout (pdf, text, 1.0, TRUE, -1, PANGO_ALIGN_LEFT);
      number_w = MAX (number_w, layout_width (layout));
    }
  number_w = MIN (number_w, value_w);

  for (guint r = 0; r < n_rows; r++)
    {
      const BoReportCell *cell = bo_report_section_get_cell (section, r, 1);
      gboolean number = kind_is_number (cell->kind);
      gboolean bold = g_strcmp0 (bo_report_section_get_row_id (section, r), "variance") == 0 ||
                      g_strcmp0 (bo_report_section_get_row_id (section, r), "net") == 0;
      const BoReportCell *label_cell = bo_report_section_get_cell (section, r, 0);
      g_autofree char *label_text = bo_report_format_cell (pdf->report, label_cell);
      g_autofree char *value_text = bo_report_format_cell (pdf->report, cell);
      g_autoptr (PangoLayout) label = make_layout (pdf, label_text, 1.0, bold, label_w,
                                                   PANGO_ALIGN_LEFT);
      g_autoptr (PangoLayout) value = make_layout (pdf, value_text, 1.0, bold,
                                                   number ? number_w : value_w,
                                                   number ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      double h = MAX (layout_height (label), layout_height (value)) + pdf->font * 0.25;

      ensure_space (pdf, h);
      show_layout (pdf, label, pdf->margin_x, pdf->y);
      show_layout (pdf, value, value_x, pdf->y);
      pdf->y += h;
    }
}

/* Column widths at text size @scale: numbers and short texts take what they need, the first
 * column the rest. FALSE when that leaves the first column too narrow. */
static gboolean
table_widths (Pdf             *pdf,
              BoReportSection *section,
              GPtrArray       *texts,
              double           scale,
              double          *widths)
{
  guint n_cols = bo_report_section_get_n_columns (section);
  guint n_rows = bo_report_section_get_n_rows (section);
  double gap = pdf->font * scale * 0.8, others = 0, room = content_width (pdf);

  for (guint c = 0; c < n_cols; c++)
    {
      const char *title = bo_report_section_get_column_title (section, c);
      g_autoptr (PangoLayout) head = make_layout (pdf, title, 0.9 * scale, TRUE, -1,
                                                  PANGO_ALIGN_LEFT);

      /* Long titles may wrap onto two lines. */
      widths[c] = MIN (layout_width (head), pdf->font * 6.5);
      for (guint r = 0; r < n_rows; r++)
        {
          g_autoptr (PangoLayout) cell = make_layout (pdf, texts->pdata[r * n_cols + c], scale,
                                                      bo_report_section_row_is_total (section, r),
                                                      -1, PANGO_ALIGN_LEFT);

          widths[c] = MAX (widths[c], layout_width (cell) + 0.5);
        }
      if (c > 0)
        others += widths[c] + gap;
    }
  if (n_cols == 1)
    {
      widths[0] = room;
      return TRUE;
    }
  if (room - others >= room * 0.22)
    {
      widths[0] = MIN (widths[0], room - others);
      return TRUE;
    }
  /* Still too wide at the smallest size: everything shrinks in proportion and wraps. */
  for (guint c = 1; c < n_cols; c++)
    widths[c] = widths[c] * (room * 0.78) / others;
  widths[0] = room * 0.22 - gap;
  return FALSE;
}

static double
draw_table_header (Pdf             *pdf,
                   BoReportSection *section,
                   const double    *widths,
                   double           scale,
                   gboolean         draw)
{
  guint n_cols = bo_report_section_get_n_columns (section);
  double gap = pdf->font * scale * 0.8, x = pdf->margin_x, h = 0;

  for (guint c = 0; c < n_cols; c++)
    {
      g_autoptr (PangoLayout) head =
        make_layout (pdf, bo_report_section_get_column_title (section, c), 0.9 * scale, TRUE,
                     widths[c],
                     kind_is_number (bo_report_section_get_column_kind (section, c))
                     ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);

      h = MAX (h, layout_height (head));
      if (draw)
        show_layout (pdf, head, x, pdf->y);
      x += widths[c] + gap;
    }
  h += pdf->font * 0.25;
  if (draw)
    {
      hrule (pdf, pdf->y + h, 0.6);
      pdf->y += h + pdf->font * 0.25;
    }
  return h + pdf->font * 0.25;
}

static void
draw_table (Pdf             *pdf,
            BoReportSection *section)
{
  static const double scales[] = { 1.0, 0.9, 0.8 };
  guint n_cols = bo_report_section_get_n_columns (section);
  guint n_rows = bo_report_section_get_n_rows (section);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *widths = g_new0 (double, n_cols);
  double scale = 1.0, gap;

  if (n_rows == 0)
    {
      g_autoptr (PangoLayout) none = make_layout (pdf, _("(none)"), 1.0, FALSE, -1,
                                                  PANGO_ALIGN_LEFT);

      ensure_space (pdf, layout_height (none));
      show_layout (pdf, none, pdf->margin_x, pdf->y);
      pdf->y += layout_height (none) + pdf->font * 0.3;
      return;
    }

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      g_ptr_array_add (texts, bo_report_format_cell (pdf->report,
                                                     bo_report_section_get_cell (section, r, c)));
  /* Narrow paper: a smaller size before anything wraps. */
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      scale = scales[i];
      if (table_widths (pdf, section, texts, scale, widths))
        break;
    }
  gap = pdf->font * scale * 0.8;

  ensure_space (pdf, draw_table_header (pdf, section, widths, scale, FALSE) + pdf->font * 1.5);
  draw_table_header (pdf, section, widths, scale, TRUE);

  for (guint r = 0; r < n_rows; r++)
    {
      gboolean total = bo_report_section_row_is_total (section, r);
      g_autoptr (GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
      double h = 0, x = pdf->margin_x;

      for (guint c = 0; c < n_cols; c++)
        {
          const BoReportCell *cell = bo_report_section_get_cell (section, r, c);
          PangoLayout *layout = make_layout (pdf, texts->pdata[r * n_cols + c], scale, total,
                                             widths[c],
                                             kind_is_number (cell->kind) ? PANGO_ALIGN_RIGHT
                                                                         : PANGO_ALIGN_LEFT);

          h = MAX (h, layout_height (layout));
          g_ptr_array_add (layouts, layout);
        }
      h += pdf->font * 0.3;
      if (ensure_space (pdf, h + (total ? pdf->font * 0.3 : 0)))
        draw_table_header (pdf, section, widths, scale, TRUE);

      if (total)
        {
          hrule (pdf, pdf->y + pdf->font * 0.05, 0.8);
          pdf->y += pdf->font * 0.3;
        }
      else if (pdf->paper == BO_REPORT_PAPER_A4 && r % 2 == 1)
        {
          /* Zebra rows on paper that prints grey; not on thermal receipts. */
          cairo_set_source_rgb (pdf->cr, 0.94, 0.94, 0.94);
          cairo_rectangle (pdf->cr, pdf->margin_x - 2, pdf->y - pdf->font * 0.1,
                           content_width (pdf) + 4, h);
          cairo_fill (pdf->cr);
          cairo_set_source_rgb (pdf->cr, 0, 0, 0);
        }
      for (guint c = 0; c < n_cols; c++)
        {
          show_layout (pdf, layouts->pdata[c], x, pdf->y);
          x += widths[c] + gap;
        }
      pdf->y += h;
    }
  pdf->y += pdf->font * 0.3;
}

static void
draw_section (Pdf             *pdf,
              BoReportSection *section)
{
  g_autoptr (PangoLayout) title = make_layout (pdf, bo_report_section_get_title (section), 1.15,
                                               TRUE, content_width (pdf), PANGO_ALIGN_LEFT);
  g_autoptr (PangoLayout) note = NULL;
  double title_h = layout_height (title);

  if (bo_report_section_get_note (section) != NULL)
    note = make_layout (pdf, bo_report_section_get_note (section), 0.8, FALSE,
                        content_width (pdf), PANGO_ALIGN_LEFT);

  /* Keep a title with its chart, or with the first lines under it. */
  ensure_space (pdf, title_h + (note != NULL ? layout_height (note) : 0) + pdf->font * 4 +
                     (bo_report_section_get_chart (section) != NULL &&
                      bo_report_section_get_n_rows (section) > 0 ? pdf->chart_h : 0));
  pdf->y += pdf->font * 0.5;
  show_layout (pdf, title, pdf->margin_x, pdf->y);
  pdf->y += title_h + pdf->font * 0.15;
  if (note != NULL)
    {
      cairo_set_source_rgb (pdf->cr, 0.3, 0.3, 0.3);
      show_layout (pdf, note, pdf->margin_x, pdf->y);
      cairo_set_source_rgb (pdf->cr, 0, 0, 0);
      pdf->y += layout_height (note) + pdf->font * 0.2;
    }

  if (bo_report_section_get_chart (section) != NULL && bo_report_section_get_n_rows (section) > 0)
    draw_chart (pdf, bo_report_section_get_chart (section));

  if (bo_report_section_get_kind (section) == BO_REPORT_SECTION_FACTS)
    draw_facts (pdf, section);
  else
    draw_table (pdf, section);
}

static void
layout_report (Pdf *pdf)
{
  pdf->page = 1;
  pdf->y = pdf->margin_top;
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  draw_title (pdf);
  for (guint i = 0; i < bo_report_get_n_sections (pdf->report); i++)
    draw_section (pdf, bo_report_get_section (pdf->report, i));

  if (pdf->paper == BO_REPORT_PAPER_A4)
    {
      draw_footer (pdf);
      if (!pdf->measuring)
        cairo_show_page (pdf->cr);
    }
  else
    {
      g_autoptr (PangoLayout) end = make_layout (pdf, _("— end of report —"), 0.9, FALSE,
                                                 content_width (pdf), PANGO_ALIGN_CENTER);

      pdf->y += pdf->font;
      show_layout (pdf, end, pdf->margin_x, pdf->y);
      pdf->y += layout_height (end) + pdf->margin_bottom;
      if (!pdf->measuring)
        cairo_show_page (pdf->cr);
    }
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
setup (Pdf           *pdf,
       BoReport      *report,
       BoReportPaper  paper)
{
  pdf->report = report;
  pdf->paper = paper;
  pdf->measuring = FALSE;
  if (paper == BO_REPORT_PAPER_A4)
    {
      pdf->page_w = 210 * MM;
      pdf->page_h = 297 * MM;
      pdf->margin_x = 18 * MM;
      pdf->margin_top = 16 * MM;
      pdf->margin_bottom = 18 * MM;
      pdf->font = 9.0;
      pdf->chart_h = 62 * MM;
    }
  else
    {
      /* 80 mm paper of which thermal heads print 72 mm. */
      pdf->page_w = 80 * MM;
      pdf->page_h = 0;
      pdf->margin_x = 4 * MM;
      pdf->margin_top = 4 * MM;
      pdf->margin_bottom = 8 * MM;
      pdf->font = 7.5;
      pdf->chart_h = 42 * MM;
    }
}

GBytes *
bo_report_to_pdf (BoReport      *report,
                  BoReportPaper  paper,
                  GError       **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *scratch, *surface;
  cairo_status_t status;
  Pdf pdf = { 0, };
  double height;
  int n_pages;

  g_return_val_if_fail (BO_IS_REPORT (report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Pass 1: measure. */
  setup (&pdf, report, paper);
  if (paper != BO_REPORT_PAPER_A4)
    pdf.page_h = G_MAXDOUBLE;
  scratch = cairo_pdf_surface_create_for_stream (NULL, NULL, pdf.page_w,
                                                 paper == BO_REPORT_PAPER_A4 ? pdf.page_h : 1000);
  pdf.cr = cairo_create (scratch);
  pdf.measuring = TRUE;
  layout_report (&pdf);
  n_pages = pdf.page;
  height = pdf.y;
  cairo_destroy (pdf.cr);
  cairo_surface_finish (scratch);
  cairo_surface_destroy (scratch);

  /* Pass 2: draw. */
  setup (&pdf, report, paper);
  if (paper != BO_REPORT_PAPER_A4)
    pdf.page_h = (double) (gint64) (height + 1);
  pdf.n_pages = n_pages;
  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, pdf.page_w, pdf.page_h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, bo_report_get_title (report));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Bilten Box Office "
                                  PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                  bo_report_get_created_at (report));
  pdf.cr = cairo_create (surface);
  layout_report (&pdf);
  status = cairo_status (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BO_REPORT_ERROR, BO_REPORT_ERROR_INVALID,
                   _("The PDF could not be made: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

gboolean
bo_report_write_pdf (BoReport      *report,
                     BoReportPaper  paper,
                     const char    *path,
                     GError       **error)
{
  g_autoptr (GBytes) pdf = NULL;

  g_return_val_if_fail (BO_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pdf = bo_report_to_pdf (report, paper, error);
  if (pdf == NULL)
    return FALSE;
  return g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error);
}
