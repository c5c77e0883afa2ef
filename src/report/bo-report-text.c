/* bo-report-text.c — a report as plain text and as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "report/bo-report-render.h"

#include <glib/gi18n-lib.h>
#include <string.h>

gboolean
bo_report_paper_from_string (const char    *text,
                             BoReportPaper *out_paper)
{
  if (g_strcmp0 (text, "a4") == 0 || g_strcmp0 (text, "A4") == 0)
    *out_paper = BO_REPORT_PAPER_A4;
  else if (g_strcmp0 (text, "80mm") == 0)
    *out_paper = BO_REPORT_PAPER_80MM;
  else
    return FALSE;
  return TRUE;
}

static gboolean
kind_is_number (BoReportValueKind kind)
{
  return kind == BO_REPORT_VALUE_COUNT || kind == BO_REPORT_VALUE_MONEY
         || kind == BO_REPORT_VALUE_RATE;
}

static guint
text_len (const char *text)
{
  return text != NULL ? (guint) g_utf8_strlen (text, -1) : 0;
}

/* @text cut to @width characters (with "…") and padded on the left or right. */
static void
append_cell (GString    *out,
             const char *text,
             guint       width,
             gboolean    right)
{
  guint len = text_len (text);

  if (len > width)
    {
      const char *cut = g_utf8_offset_to_pointer (text, width > 0 ? width - 1 : 0);

      g_string_append_len (out, text, cut - text);
      if (width > 0)
        g_string_append (out, "…");
      return;
    }
  if (right)
    for (guint i = len; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text != NULL ? text : "");
  if (!right)
    for (guint i = len; i < width; i++)
      g_string_append_c (out, ' ');
}

static void
append_rule (GString *out,
             guint    width,
             const char *ch)
{
  for (guint i = 0; i < width; i++)
    g_string_append (out, ch);
  g_string_append_c (out, '\n');
}

/* Words of @text on lines of at most @width characters. */
static void
append_wrapped (GString    *out,
                const char *text,
                guint       width,
                const char *indent)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  guint line = 0;

  g_string_append (out, indent);
  for (guint i = 0; words[i] != NULL; i++)
    {
      guint len = text_len (words[i]);

      if (line > 0 && line + 1 + len > width)
        {
          g_string_append_c (out, '\n');
          g_string_append (out, indent);
          line = 0;
        }
      else if (line > 0)
        {
          g_string_append_c (out, ' ');
          line++;
        }
      g_string_append (out, words[i]);
      line += len;
    }
  g_string_append_c (out, '\n');
}

static void
append_chart (GString  *out,
              BoChart  *chart,
              guint     width)
{
  static const char *marks[] = { "#", "=", "+", "~" };
  guint n_cat = bo_chart_get_n_categories (chart);
  guint n_series = bo_chart_get_n_series (chart);
  guint label_w = 0, value_w = 0, bar_w;
  gint64 max = bo_chart_get_max_value (chart);

  if (n_cat == 0 || n_series == 0)
    return;
  for (guint c = 0; c < n_cat; c++)
    label_w = MAX (label_w, text_len (bo_chart_get_category (chart, c)));
  for (guint s = 0; s < n_series; s++)
    for (guint c = 0; c < n_cat; c++)
      {
        g_autofree char *v = bo_chart_format_value (chart, bo_chart_get_value (chart, s, c));

        value_w = MAX (value_w, text_len (v));
      }
  label_w = MIN (label_w, width / 3);
  bar_w = width > label_w + value_w + 4 ? width - label_w - value_w - 4 : 4;

  g_string_append_printf (out, "  %s\n", bo_chart_get_title (chart));
  if (n_series > 1)
    {
      g_string_append (out, "  ");
      for (guint s = 0; s < n_series; s++)
        g_string_append_printf (out, "%s%s %s", s > 0 ? "   " : "", marks[s % 4],
                                bo_chart_get_series_name (chart, s));
      g_string_append_c (out, '\n');
    }
  for (guint c = 0; c < n_cat; c++)
    for (guint s = 0; s < n_series; s++)
      {
        gint64 v = bo_chart_get_value (chart, s, c);
        guint n = max > 0 ? (guint) ((double) MAX (v, 0) / max * bar_w + 0.5) : 0;
        g_autofree char *value = bo_chart_format_value (chart, v);

        g_string_append (out, "  ");
        append_cell (out, s == 0 ? bo_chart_get_category (chart, c) : "", label_w, FALSE);
        g_string_append_c (out, ' ');
        for (guint i = 0; i < n; i++)
          g_string_append (out, marks[s % 4]);
        g_string_append_printf (out, " %s\n", value);
      }
}

static void
append_section (GString         *out,
                BoReport        *report,
                BoReportSection *section,
                guint            width)
{
  guint n_cols = bo_report_section_get_n_columns (section);
  guint n_rows = bo_report_section_get_n_rows (section);
  g_autofree guint *widths = g_new0 (guint, n_cols);
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint total = 0, gap = 2;

  g_string_append_printf (out, "\n%s\n", bo_report_section_get_title (section));
  append_rule (out, MIN (text_len (bo_report_section_get_title (section)), width), "-");
  if (bo_report_section_get_note (section) != NULL)
    append_wrapped (out, bo_report_section_get_note (section), width, "");

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        char *text = bo_report_format_cell (report, bo_report_section_get_cell (section, r, c));

        widths[c] = MAX (widths[c], text_len (text));
        g_ptr_array_add (cells, text);
      }

  if (bo_report_section_get_kind (section) == BO_REPORT_SECTION_FACTS)
    {
      guint label_w = MIN (widths[0], width / 2);

      for (guint r = 0; r < n_rows; r++)
        {
          const char *value = cells->pdata[r * n_cols + 1];
          guint room = width > label_w + 3 ? width - label_w - 3 : 8;

          g_string_append (out, "  ");
          append_cell (out, cells->pdata[r * n_cols], label_w, FALSE);
          g_string_append_c (out, ' ');
          /* Long values (hashes, keys) continue on the next lines, never cut. */
          while (text_len (value) > room)
            {
              const char *cut = g_utf8_offset_to_pointer (value, room);

              g_string_append_len (out, value, cut - value);
              g_string_append_c (out, '\n');
              for (guint i = 0; i < label_w + 3; i++)
                g_string_append_c (out, ' ');
              value = cut;
            }
          g_string_append_printf (out, "%s\n", value);
        }
    }
  else
    {
      for (guint c = 0; c < n_cols; c++)
        {
          widths[c] = MAX (widths[c], text_len (bo_report_section_get_column_title (section, c)));
          total += widths[c] + (c > 0 ? gap : 0);
        }
      /* Too wide: columns move closer, then the first one (names) gives way. */
      if (total > width && n_cols > 1)
        {
          gap = 1;
          total -= n_cols - 1;
        }
      if (total > width && widths[0] > 5)
        {
          guint cut = MIN (total - width, widths[0] - 5);

          widths[0] -= cut;
          total -= cut;
        }

      if (n_rows == 0)
        g_string_append_printf (out, "  %s\n", _("(none)"));
      else
        {
          for (guint c = 0; c < n_cols; c++)
            {
              if (c > 0)
                g_string_append (out, gap == 2 ? "  " : " ");
              append_cell (out, bo_report_section_get_column_title (section, c), widths[c],
                           kind_is_number (bo_report_section_get_column_kind (section, c)));
            }
          g_string_append_c (out, '\n');
          for (guint r = 0; r < n_rows; r++)
            {
              if (bo_report_section_row_is_total (section, r))
                append_rule (out, MIN (total, width), "-");
              for (guint c = 0; c < n_cols; c++)
                {
                  const BoReportCell *cell = bo_report_section_get_cell (section, r, c);

                  if (c > 0)
                    g_string_append (out, gap == 2 ? "  " : " ");
                  append_cell (out, cells->pdata[r * n_cols + c], widths[c],
                               kind_is_number (cell->kind));
                }
              /* No trailing blanks. */
              while (out->len > 0 && out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
              g_string_append_c (out, '\n');
            }
        }
    }

  if (bo_report_section_get_chart (section) != NULL && n_rows > 0)
    {
      g_string_append_c (out, '\n');
      append_chart (out, bo_report_section_get_chart (section), width);
    }
}

char *
bo_report_to_text (BoReport *report,
                   guint     width)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (BO_IS_REPORT (report), NULL);

  width = MAX (width, 32);
  g_string_append_printf (out, "%s\n", bo_report_get_title (report));
  append_rule (out, MIN (text_len (bo_report_get_title (report)), width), "=");
  if (bo_report_get_subtitle (report) != NULL)
    append_wrapped (out, bo_report_get_subtitle (report), width, "");
  for (guint i = 0; i < bo_report_get_n_sections (report); i++)
    append_section (out, report, bo_report_get_section (report, i), width);
  return g_string_free (out, FALSE);
}

/* CSV */

static void
append_csv_field (GString    *out,
                  const char *text,
                  gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") != NULL || (*text != '\0' && (text[0] == ' ' ||
                                                             text[strlen (text) - 1] == ' ')))
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
}

char *
bo_report_to_csv (BoReport *report)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (BO_IS_REPORT (report), NULL);

  append_csv_field (out, "report", TRUE);
  append_csv_field (out, bo_report_kind_to_string (bo_report_get_kind (report)),
                    FALSE);
  append_csv_field (out, bo_report_get_title (report), FALSE);
  g_string_append (out, "\r\n");
  append_csv_field (out, "currency", TRUE);
  append_csv_field (out, bo_report_get_currency (report), FALSE);
  g_string_append (out, "\r\n");
  append_csv_field (out, "timezone", TRUE);
  append_csv_field (out, bo_report_get_timezone (report), FALSE);
  g_string_append (out, "\r\n");
  append_csv_field (out, "created_at", TRUE);
  append_csv_field (out, bo_report_get_created_at (report), FALSE);
  g_string_append (out, "\r\n\r\n");

  for (guint i = 0; i < bo_report_get_n_sections (report); i++)
    {
      BoReportSection *section = bo_report_get_section (report, i);
      guint n_cols = bo_report_section_get_n_columns (section);

      append_csv_field (out, "section", TRUE);
      append_csv_field (out, bo_report_section_get_id (section), FALSE);
      append_csv_field (out, bo_report_section_get_title (section), FALSE);
      g_string_append (out, "\r\n");
      append_csv_field (out, "id", TRUE);
      for (guint c = 0; c < n_cols; c++)
        append_csv_field (out, bo_report_section_get_column_title (section, c), FALSE);
      g_string_append (out, "\r\n");
      for (guint r = 0; r < bo_report_section_get_n_rows (section); r++)
        {
          append_csv_field (out, bo_report_section_get_row_id (section, r), TRUE);
          for (guint c = 0; c < n_cols; c++)
            {
              g_autofree char *text =
                bo_report_format_cell_plain (report, bo_report_section_get_cell (section, r, c));

              append_csv_field (out, text, FALSE);
            }
          g_string_append (out, "\r\n");
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}
