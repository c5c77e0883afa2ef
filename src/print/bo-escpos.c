/* bo-escpos.c — a BoPrintDoc as an ESC/POS byte stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-escpos.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <errno.h>
#include <qrencode.h>
#include <string.h>

#include "print/bo-print-error.h"

#define ESC 0x1b
#define GS  0x1d
#define LF  0x0a

#define MAX_CODE_PAGES 8
#define QR_MODULE_DOTS 6
#define QR_QUIET_MODULES 4
#define LINE_DOTS 24

struct _BoEscposRenderer
{
  GObject        parent_instance;

  guint          columns;
  guint          dots;
  BoEscposQrMode qr_mode;
  guint          code_pages[MAX_CODE_PAGES]; /* indices into known_pages */
  guint          n_code_pages;
};

G_DEFINE_FINAL_TYPE (BoEscposRenderer, bo_escpos_renderer, G_TYPE_OBJECT)

/* Epson's numbers for ESC t n; compatibles follow them for these pages. */
typedef struct {
  const char *name;
  const char *iconv_name;
  guint8      number;
  GHashTable *to_byte; /* gunichar -> byte 0x80..0xff, built once */
} CodePage;

static CodePage known_pages[] = {
  { "PC437", "CP437", 0, NULL },
  { "PC850", "CP850", 2, NULL },
  { "WPC1252", "CP1252", 16, NULL },
  { "PC866", "CP866", 17, NULL },
  { "PC852", "CP852", 18, NULL },
  { "PC858", "CP858", 19, NULL },
  { "WPC1250", "CP1250", 45, NULL },
  { "WPC1251", "CP1251", 46, NULL },
};

typedef struct {
  BoEscposRenderer *self;
  GByteArray       *out;
  int               page;  /* index into known_pages now selected */
  gboolean          bold;
  gboolean          large;
  GByteArray       *encoded;
  cairo_surface_t  *surface;
  cairo_t          *cr;
  PangoLayout      *layout;
} Render;

/* The upper halves of the code pages as lookup tables, from the system's iconv. */
static void
build_page_tables (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (known_pages); i++)
    {
      GHashTable *table = g_hash_table_new (NULL, NULL);

      for (guint b = 0x80; b <= 0xff; b++)
        {
          char in = (char) b;
          g_autofree char *utf8 = g_convert (&in, 1, "UTF-8", known_pages[i].iconv_name,
                                             NULL, NULL, NULL);
          gunichar c;

          if (utf8 == NULL || g_utf8_strlen (utf8, -1) != 1)
            continue;
          c = g_utf8_get_char (utf8);
          if (c >= 0x80 && !g_hash_table_contains (table, GUINT_TO_POINTER (c)))
            g_hash_table_insert (table, GUINT_TO_POINTER (c), GUINT_TO_POINTER (b));
        }
      known_pages[i].to_byte = table;
    }
  g_once_init_leave (&done, 1);
}

static gboolean
encode_line (guint       page,
             const char *line,
             GByteArray *into)
{
  GHashTable *table = known_pages[page].to_byte;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gpointer byte;

      if (c < 0x80)
        {
          guint8 b = (guint8) c;

          g_byte_array_append (into, &b, 1);
        }
      else if (g_hash_table_lookup_extended (table, GUINT_TO_POINTER (c), NULL, &byte))
        {
          guint8 b = (guint8) GPOINTER_TO_UINT (byte);

          g_byte_array_append (into, &b, 1);
        }
      else
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

static void
put (Render      *r,
     const guint8 *bytes,
     gsize        len)
{
  g_byte_array_append (r->out, bytes, len);
}

#define PUT(r, ...) G_STMT_START { \
    const guint8 bytes_[] = { __VA_ARGS__ }; \
    put ((r), bytes_, sizeof bytes_); \
  } G_STMT_END

static void
set_style (Render          *r,
           BoPrintTextFlags flags)
{
  gboolean bold = (flags & BO_PRINT_TEXT_BOLD) != 0;
  gboolean large = (flags & BO_PRINT_TEXT_LARGE) != 0;

  if (bold != r->bold)
    PUT (r, ESC, 'E', bold ? 1 : 0);
  if (large != r->large)
    PUT (r, GS, '!', large ? 0x11 : 0x00);
  r->bold = bold;
  r->large = large;
}

static void
select_page (Render *r,
             int     page)
{
  if (page == r->page)
    return;
  PUT (r, ESC, 't', known_pages[page].number);
  r->page = page;
}

/* GS v 0: a 1-bit image, rows of @width_bytes bytes, most significant bit leftmost, 1 = black. */
static void
put_raster (Render       *r,
            const guint8 *bits,
            guint         width_bytes,
            guint         height)
{
  PUT (r, GS, 'v', '0', 0, width_bytes & 0xff, width_bytes >> 8, height & 0xff, height >> 8);
  put (r, bits, (gsize) width_bytes * height);
}

/* A line no code page can carry, drawn as it would look: same columns, Pango's fonts. */
static void
put_text_as_image (Render          *r,
                   const char      *line,
                   BoPrintTextFlags flags)
{
  guint dots = r->self->dots;
  guint height = (flags & BO_PRINT_TEXT_LARGE) ? 2 * LINE_DOTS : LINE_DOTS;
  guint width_bytes = dots / 8;
  g_autofree guint8 *bits = NULL;
  PangoFontDescription *font;
  const guint8 *pixels;
  int stride, text_height;

  if (r->surface == NULL)
    {
      r->surface = cairo_image_surface_create (CAIRO_FORMAT_A8, (int) dots, 2 * LINE_DOTS);
      r->cr = cairo_create (r->surface);
      r->layout = pango_cairo_create_layout (r->cr);
    }

  cairo_save (r->cr);
  cairo_set_operator (r->cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (r->cr);
  cairo_restore (r->cr);

  /* Monospace at the size where one column is 12 dots (24 when large), like font A. */
  font = pango_font_description_from_string ("Monospace");
  pango_font_description_set_absolute_size (font, (height * 5 / 6) * PANGO_SCALE);
  if (flags & BO_PRINT_TEXT_BOLD)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (r->layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (r->layout, line, -1);
  pango_layout_get_pixel_size (r->layout, NULL, &text_height);

  cairo_set_source_rgba (r->cr, 0, 0, 0, 1);
  cairo_move_to (r->cr, 0, ((int) height - text_height) / 2);
  pango_cairo_show_layout (r->cr, r->layout);
  cairo_surface_flush (r->surface);

  pixels = cairo_image_surface_get_data (r->surface);
  stride = cairo_image_surface_get_stride (r->surface);
  bits = g_malloc0 ((gsize) width_bytes * height);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < dots; x++)
      if (pixels[y * stride + x] >= 0x80)
        bits[y * width_bytes + x / 8] |= 0x80 >> (x % 8);
  put_raster (r, bits, width_bytes, height);
}

static void
put_line (Render          *r,
          const char      *line,
          BoPrintTextFlags flags)
{
  BoEscposRenderer *self = r->self;

  set_style (r, flags);
  if (is_ascii (line))
    {
      put (r, (const guint8 *) line, strlen (line));
      PUT (r, LF);
      return;
    }

  /* The page already selected first, so that a text in one language switches rarely. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->n_code_pages; i++)
      {
        guint page = self->code_pages[i];

        if ((pass == 0) != ((int) page == r->page))
          continue;
        g_byte_array_set_size (r->encoded, 0);
        if (encode_line (page, line, r->encoded))
          {
            select_page (r, (int) page);
            put (r, r->encoded->data, r->encoded->len);
            PUT (r, LF);
            return;
          }
      }

  put_text_as_image (r, line, flags);
}

static char *
sanitize (const char *text)
{
  char *copy = g_strdup (text);

  for (char *p = copy; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  return copy;
}

/* Splits @text into lines of at most @width characters, at spaces where it can. */
static GPtrArray *
wrap (const char *text,
      guint       width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (*p == ' ')
    p++;
  if (*p == '\0')
    {
      g_ptr_array_add (lines, g_strdup (""));
      return lines;
    }
  while (*p != '\0')
    {
      const char *end = p;
      const char *last_space = NULL;
      guint n = 0;

      while (*end != '\0' && n < width)
        {
          if (*end == ' ')
            last_space = end;
          end = g_utf8_next_char (end);
          n++;
        }
      if (*end != '\0' && *end != ' ' && last_space != NULL)
        end = last_space;
      g_ptr_array_add (lines, g_strchomp (g_strndup (p, end - p)));
      p = end;
      while (*p == ' ')
        p++;
    }
  return lines;
}

static char *
pad (const char  *text,
     guint        width,
     BoPrintAlign align)
{
  guint len = (guint) g_utf8_strlen (text, -1);
  guint space = len < width ? width - len : 0;
  guint before = align == BO_PRINT_ALIGN_RIGHT ? space
                 : align == BO_PRINT_ALIGN_CENTER ? space / 2 : 0;
  GString *line = g_string_sized_new (strlen (text) + before);

  for (guint i = 0; i < before; i++)
    g_string_append_c (line, ' ');
  g_string_append (line, text);
  return g_string_free (line, FALSE);
}

static void
put_text_block (Render             *r,
                const BoPrintBlock *block)
{
  guint width = r->self->columns / ((block->flags & BO_PRINT_TEXT_LARGE) ? 2 : 1);
  g_autofree char *text = sanitize (block->text);
  g_autoptr (GPtrArray) lines = wrap (text, width);
  g_autofree char *right = NULL;
  guint right_len;
  const char *last;
  guint last_len;

  if (block->right == NULL)
    {
      for (guint i = 0; i < lines->len; i++)
        {
          g_autofree char *line = pad (lines->pdata[i], width, block->align);

          put_line (r, line, block->flags);
        }
      return;
    }

  right = sanitize (block->right);
  right_len = (guint) g_utf8_strlen (right, -1);
  for (guint i = 0; i + 1 < lines->len; i++)
    put_line (r, lines->pdata[i], block->flags);
  last = lines->pdata[lines->len - 1];
  last_len = (guint) g_utf8_strlen (last, -1);
  if (last_len + 1 + right_len <= width)
    {
      GString *line = g_string_new (last);

      for (guint i = last_len; i < width - right_len; i++)
        g_string_append_c (line, ' ');
      g_string_append (line, right);
      put_line (r, line->str, block->flags);
      g_string_free (line, TRUE);
    }
  else
    {
      g_autoptr (GPtrArray) right_lines = wrap (right, width);

      put_line (r, last, block->flags);
      for (guint i = 0; i < right_lines->len; i++)
        {
          g_autofree char *line = pad (right_lines->pdata[i], width, BO_PRINT_ALIGN_RIGHT);

          put_line (r, line, block->flags);
        }
    }
}

static void
put_rule (Render *r)
{
  g_autofree char *line = g_strnfill (r->self->columns, '-');

  put_line (r, line, BO_PRINT_TEXT_NORMAL);
}

static gboolean
put_qr_native (Render     *r,
               const char *data,
               GError    **error)
{
  gsize len = strlen (data) + 3;

  if (len > 7089 + 3)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FORMAT,
                   _("The QR code data is too long (%zu bytes)"), len - 3);
      return FALSE;
    }
  PUT (r, ESC, 'a', 1);
  PUT (r, GS, '(', 'k', 4, 0, '1', 'A', '2', 0);          /* model 2 */
  PUT (r, GS, '(', 'k', 3, 0, '1', 'C', QR_MODULE_DOTS);  /* module size */
  PUT (r, GS, '(', 'k', 3, 0, '1', 'E', '1');             /* error correction M */
  PUT (r, GS, '(', 'k', len & 0xff, len >> 8, '1', 'P', '0');
  put (r, (const guint8 *) data, len - 3);
  PUT (r, GS, '(', 'k', 3, 0, '1', 'Q', '0');             /* print */
  PUT (r, LF);
  PUT (r, ESC, 'a', 0);
  return TRUE;
}

/* The QR code as an image as wide as the paper, centred in it, with its quiet zone. */
static gboolean
put_qr_raster (Render     *r,
               const char *data,
               GError    **error)
{
  guint dots = r->self->dots;
  guint width_bytes = dots / 8;
  g_autofree guint8 *bits = NULL;
  QRcode *qr;
  guint modules, module, size, left, height;

  qr = QRcode_encodeString (data, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (qr == NULL)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FORMAT,
                   _("The QR code cannot be made: %s"), g_strerror (errno));
      return FALSE;
    }
  modules = (guint) qr->width + 2 * QR_QUIET_MODULES;
  module = MIN (QR_MODULE_DOTS, dots / modules);
  if (module == 0)
    {
      QRcode_free (qr);
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FORMAT,
                   _("The QR code is too large for this paper"));
      return FALSE;
    }
  size = modules * module;
  left = (dots - size) / 2;
  height = size;
  bits = g_malloc0 ((gsize) width_bytes * height);
  for (guint my = 0; my < (guint) qr->width; my++)
    for (guint mx = 0; mx < (guint) qr->width; mx++)
      {
        if ((qr->data[my * qr->width + mx] & 1) == 0)
          continue;
        for (guint dy = 0; dy < module; dy++)
          {
            guint8 *row = bits + (gsize) ((my + QR_QUIET_MODULES) * module + dy) * width_bytes;

            for (guint dx = 0; dx < module; dx++)
              {
                guint x = left + (mx + QR_QUIET_MODULES) * module + dx;

                row[x / 8] |= 0x80 >> (x % 8);
              }
          }
      }
  QRcode_free (qr);
  put_raster (r, bits, width_bytes, height);
  return TRUE;
}

static void
bo_escpos_renderer_class_init (BoEscposRendererClass *klass)
{
}

static void
bo_escpos_renderer_init (BoEscposRenderer *self)
{
  build_page_tables ();
  bo_escpos_renderer_set_code_pages (self, BO_ESCPOS_DEFAULT_CODE_PAGES, NULL);
}

BoEscposRenderer *
bo_escpos_renderer_new (guint paper_width_mm)
{
  BoEscposRenderer *self = g_object_new (BO_TYPE_ESCPOS_RENDERER, NULL);

  self->columns = paper_width_mm < 70 ? 32 : 48;
  self->dots = paper_width_mm < 70 ? 384 : 576;
  return self;
}

guint
bo_escpos_renderer_get_columns (BoEscposRenderer *self)
{
  g_return_val_if_fail (BO_IS_ESCPOS_RENDERER (self), 0);
  return self->columns;
}

guint
bo_escpos_renderer_get_dots (BoEscposRenderer *self)
{
  g_return_val_if_fail (BO_IS_ESCPOS_RENDERER (self), 0);
  return self->dots;
}

void
bo_escpos_renderer_set_qr_mode (BoEscposRenderer *self,
                                BoEscposQrMode    mode)
{
  g_return_if_fail (BO_IS_ESCPOS_RENDERER (self));
  self->qr_mode = mode;
}

static int
find_page (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_pages); i++)
    if (g_ascii_strcasecmp (known_pages[i].name, name) == 0)
      return (int) i;
  return -1;
}

int
bo_escpos_code_page_number (const char *name)
{
  int page;

  g_return_val_if_fail (name != NULL, -1);
  page = find_page (name);
  return page < 0 ? -1 : known_pages[page].number;
}

gboolean
bo_escpos_renderer_set_code_pages (BoEscposRenderer *self,
                                   const char       *names,
                                   GError          **error)
{
  g_auto (GStrv) parts = NULL;
  guint pages[MAX_CODE_PAGES];
  guint n = 0;

  g_return_val_if_fail (BO_IS_ESCPOS_RENDERER (self), FALSE);
  g_return_val_if_fail (names != NULL, FALSE);

  parts = g_strsplit (names, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      int page = find_page (g_strstrip (parts[i]));

      if (*parts[i] == '\0')
        continue;
      if (page < 0 || n == MAX_CODE_PAGES)
        {
          g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FORMAT,
                       _("Unknown code page “%s”"), parts[i]);
          return FALSE;
        }
      pages[n++] = (guint) page;
    }
  if (n == 0)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FORMAT, _("No code page given"));
      return FALSE;
    }
  memcpy (self->code_pages, pages, n * sizeof pages[0]);
  self->n_code_pages = n;
  return TRUE;
}

GBytes *
bo_escpos_renderer_render (BoEscposRenderer *self,
                           BoPrintDoc       *doc,
                           GError          **error)
{
  Render r = { .self = self, .page = -1 };
  guint n;
  gboolean ok = TRUE;

  g_return_val_if_fail (BO_IS_ESCPOS_RENDERER (self), NULL);
  g_return_val_if_fail (BO_IS_PRINT_DOC (doc), NULL);

  r.out = g_byte_array_sized_new (4096);
  r.encoded = g_byte_array_sized_new (128);
  PUT (&r, ESC, '@');       /* initialise */
  PUT (&r, ESC, 'R', 0);    /* international set USA: no national letters in place of #, @ … */
  select_page (&r, (int) self->code_pages[0]);

  n = bo_print_doc_get_n_blocks (doc);
  for (guint i = 0; i < n && ok; i++)
    {
      const BoPrintBlock *block = bo_print_doc_get_block (doc, i);

      switch (block->kind)
        {
        case BO_PRINT_BLOCK_TEXT:
          put_text_block (&r, block);
          break;
        case BO_PRINT_BLOCK_RULE:
          put_rule (&r);
          break;
        case BO_PRINT_BLOCK_QR:
          ok = self->qr_mode == BO_ESCPOS_QR_NATIVE ? put_qr_native (&r, block->text, error)
                                                    : put_qr_raster (&r, block->text, error);
          break;
        case BO_PRINT_BLOCK_FEED:
          PUT (&r, ESC, 'd', MIN (block->lines, 255));
          break;
        case BO_PRINT_BLOCK_CUT:
          set_style (&r, BO_PRINT_TEXT_NORMAL);
          PUT (&r, GS, 'V', 66, 0); /* feed to the cutter, partial cut */
          break;
        case BO_PRINT_BLOCK_DRAWER:
          PUT (&r, ESC, 'p', 0, 25, 250);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  set_style (&r, BO_PRINT_TEXT_NORMAL);

  g_byte_array_unref (r.encoded);
  g_clear_object (&r.layout);
  g_clear_pointer (&r.cr, cairo_destroy);
  g_clear_pointer (&r.surface, cairo_surface_destroy);
  if (!ok)
    {
      g_byte_array_unref (r.out);
      return NULL;
    }
  return g_byte_array_free_to_bytes (r.out);
}
