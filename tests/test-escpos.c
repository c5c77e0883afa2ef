/* test-escpos.c — the ESC/POS stream of a sale, read back without our encoder
 *
 * The stream is parsed here command by command (a small reader written from the ESC/POS
 * reference, sharing no code with src/print/bo-escpos.c), text is decoded with iconv in the
 * code page the stream selected, raster QR images are written as PBM files and decoded with
 * zbarimg, and the native QR commands must carry exactly the ticket secrets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* memmem */
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "bo-test-util.h"
#include "domain/bo-order.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "print/bo-escpos.h"
#include "print/bo-print-error.h"
#include "print/bo-print-layout.h"

#define WITH_DEMO GINT_TO_POINTER (TRUE)

/* What the stream asked the printer to do, in order. */
typedef enum {
  EV_INIT, EV_CHARSET, EV_CODE_PAGE, EV_BOLD, EV_SIZE, EV_ALIGN, EV_FEED, EV_CUT, EV_DRAWER,
  EV_TEXT, EV_RASTER, EV_QR_MODEL, EV_QR_SIZE, EV_QR_EC, EV_QR_STORE, EV_QR_PRINT,
} EventKind;

typedef struct {
  EventKind kind;
  int       value;     /* n of the command; code page of a text line */
  char     *text;      /* TEXT: the line as UTF-8; QR_STORE: the data */
  guint     width;     /* RASTER: bytes per row */
  guint     height;    /* RASTER: rows */
  GBytes   *bits;      /* RASTER */
} Event;

static void
event_clear (gpointer data)
{
  Event *ev = data;

  g_free (ev->text);
  g_clear_pointer (&ev->bits, g_bytes_unref);
}

static const char *
iconv_name_of_page (int page)
{
  switch (page)
    {
    case 0: return "CP437";
    case 2: return "CP850";
    case 16: return "CP1252";
    case 17: return "CP866";
    case 18: return "CP852";
    case 19: return "CP858";
    case 45: return "CP1250";
    case 46: return "CP1251";
    default: return NULL;
    }
}

static void
flush_text (GArray     *events,
            GByteArray *line,
            int         page)
{
  Event ev = { EV_TEXT, page, NULL, 0, 0, NULL };
  const char *charset = iconv_name_of_page (page);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (charset);
  ev.text = g_convert ((const char *) line->data, line->len, "UTF-8", charset, NULL, NULL, &error);
  g_assert_no_error (error);
  g_array_append_val (events, ev);
  g_byte_array_set_size (line, 0);
}

/* Parses the stream; fails the test on any byte it does not understand. */
static GArray *
parse_escpos (GBytes *stream)
{
  gsize len;
  const guint8 *b = g_bytes_get_data (stream, &len);
  GArray *events = g_array_new (FALSE, TRUE, sizeof (Event));
  g_autoptr (GByteArray) line = g_byte_array_new ();
  int page = 0;
  gsize i = 0;

  g_array_set_clear_func (events, event_clear);

#define NEED(n) g_assert_cmpuint (i + (n), <=, len)
#define ADD(k, v) G_STMT_START { Event e_ = { (k), (v), NULL, 0, 0, NULL }; \
    g_array_append_val (events, e_); } G_STMT_END

  while (i < len)
    {
      guint8 c = b[i];

      if (c == 0x0a)
        {
          flush_text (events, line, page);
          i++;
        }
      else if (c == 0x1b)
        {
          NEED (2);
          switch (b[i + 1])
            {
            case '@': ADD (EV_INIT, 0); page = 0; i += 2; break;
            case 'R': NEED (3); ADD (EV_CHARSET, b[i + 2]); i += 3; break;
            case 't': NEED (3); ADD (EV_CODE_PAGE, b[i + 2]); page = b[i + 2]; i += 3; break;
            case 'E': NEED (3); ADD (EV_BOLD, b[i + 2]); i += 3; break;
            case 'a': NEED (3); ADD (EV_ALIGN, b[i + 2]); i += 3; break;
            case 'd': NEED (3); ADD (EV_FEED, b[i + 2]); i += 3; break;
            case 'p':
              NEED (5);
              g_assert_cmpuint (b[i + 2], ==, 0);  /* pin 2 */
              g_assert_cmpuint (b[i + 3], >, 0);
              g_assert_cmpuint (b[i + 4], >=, b[i + 3]);
              ADD (EV_DRAWER, b[i + 2]);
              i += 5;
              break;
            default:
              g_error ("unknown ESC %02x at %zu", b[i + 1], i);
            }
        }
      else if (c == 0x1d)
        {
          NEED (2);
          if (b[i + 1] == '!')
            {
              NEED (3);
              ADD (EV_SIZE, b[i + 2]);
              i += 3;
            }
          else if (b[i + 1] == 'V')
            {
              NEED (3);
              if (b[i + 2] == 65 || b[i + 2] == 66)
                {
                  NEED (4);
                  ADD (EV_CUT, b[i + 2]);
                  i += 4;
                }
              else
                {
                  ADD (EV_CUT, b[i + 2]);
                  i += 3;
                }
            }
          else if (b[i + 1] == 'v' )
            {
              Event ev = { EV_RASTER, 0, NULL, 0, 0, NULL };
              gsize size;

              NEED (8);
              g_assert_cmpuint (b[i + 2], ==, '0');
              ev.value = b[i + 3];
              ev.width = b[i + 4] | (b[i + 5] << 8);
              ev.height = b[i + 6] | (b[i + 7] << 8);
              size = (gsize) ev.width * ev.height;
              NEED (8 + size);
              ev.bits = g_bytes_new (b + i + 8, size);
              g_array_append_val (events, ev);
              i += 8 + size;
            }
          else if (b[i + 1] == '(' )
            {
              guint plen;

              NEED (7);
              g_assert_cmpuint (b[i + 2], ==, 'k');
              plen = b[i + 3] | (b[i + 4] << 8);
              NEED (5 + plen);
              g_assert_cmpuint (b[i + 5], ==, '1'); /* cn 49: QR code */
              switch (b[i + 6])
                {
                case 'A': ADD (EV_QR_MODEL, b[i + 7]); break;
                case 'C': ADD (EV_QR_SIZE, b[i + 7]); break;
                case 'E': ADD (EV_QR_EC, b[i + 7]); break;
                case 'Q': ADD (EV_QR_PRINT, b[i + 7]); break;
                case 'P':
                  {
                    Event ev = { EV_QR_STORE, 0, NULL, 0, 0, NULL };

                    g_assert_cmpuint (b[i + 7], ==, '0');
                    ev.text = g_strndup ((const char *) b + i + 8, plen - 3);
                    g_assert_cmpuint (strlen (ev.text), ==, plen - 3);
                    g_array_append_val (events, ev);
                    break;
                  }
                default:
                  g_error ("unknown GS ( k function %c", b[i + 6]);
                }
              i += 5 + plen;
            }
          else
            g_error ("unknown GS %02x at %zu", b[i + 1], i);
        }
      else
        {
          g_assert_cmpuint (c, >=, 0x20);
          g_byte_array_append (line, &c, 1);
          i++;
        }
    }
  /* Every line is ended: a printer holds a half line until LF. */
  g_assert_cmpuint (line->len, ==, 0);
#undef NEED
#undef ADD
  return events;
}

static guint
count_events (GArray   *events,
              EventKind kind)
{
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    if (g_array_index (events, Event, i).kind == kind)
      n++;
  return n;
}

static char *
all_text (GArray *events)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      Event *ev = &g_array_index (events, Event, i);

      if (ev->kind == EV_TEXT)
        g_string_append_printf (text, "%s\n", ev->text);
    }
  return g_string_free (text, FALSE);
}

/* Writes a raster image as PBM (the same bit order: MSB first, 1 = black) and lets zbar read
 * it; returns what zbar decoded, or NULL. */
static char *
zbar_decode_raster (const Event *ev,
                    const char  *dir,
                    guint        index)
{
  g_autofree char *path = g_strdup_printf ("%s/raster-%u.pbm", dir, index);
  g_autofree char *header = g_strdup_printf ("P4\n%u %u\n", ev->width * 8, ev->height);
  g_autoptr (GByteArray) pbm = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  const char *argv[] = { "zbarimg", "-q", "--raw", path, NULL };
  int status = 0;

  g_byte_array_append (pbm, (const guint8 *) header, strlen (header));
  g_byte_array_append (pbm, g_bytes_get_data (ev->bits, NULL), g_bytes_get_size (ev->bits));
  g_assert_true (g_file_set_contents (path, (const char *) pbm->data, pbm->len, &error));
  g_assert_no_error (error);

  g_assert_nonnull (zbarimg);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return NULL;
  return g_strdup (g_strchomp (out));
}

static gboolean
raster_has_ink (const Event *ev)
{
  gsize size;
  const guint8 *bits = g_bytes_get_data (ev->bits, &size);

  for (gsize i = 0; i < size; i++)
    if (bits[i] != 0)
      return TRUE;
  return FALSE;
}

static BoOrder *
sell (BoTestFixture  *fx,
      BoOperator     *operator,
      BoPaymentMethod method)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoSale) sale = bo_sale_new (1);
  g_autoptr (BoShift) shift = bo_shift_get_current (fx->store, &error);
  BoOrder *order;

  g_assert_no_error (error);
  if (shift == NULL)
    {
      shift = bo_shift_open (fx->store, fx->device, fx->cashier, 10000, &error);
      g_assert_no_error (error);
    }
  g_assert_true (bo_sale_add_tickets (sale, 11, 3, &error));
  g_assert_true (bo_sale_add_tickets (sale, 13, 1, &error));
  bo_sale_add_payment (sale, method, BO_PAYMENT_REST, method == BO_PAYMENT_CASH ? 20000 : -1,
                       NULL);
  order = bo_sale_commit (sale, fx->store, fx->device, operator, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_cmpuint (bo_order_get_tickets (order)->len, ==, 4);
  return order;
}

static GBytes *
render (BoPrintDoc    *doc,
        guint          width_mm,
        BoEscposQrMode mode)
{
  g_autoptr (BoEscposRenderer) renderer = bo_escpos_renderer_new (width_mm);
  g_autoptr (GError) error = NULL;
  GBytes *bytes;

  bo_escpos_renderer_set_qr_mode (renderer, mode);
  bytes = bo_escpos_renderer_render (renderer, doc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static void
assert_columns (GArray *events,
                guint   columns)
{
  gboolean large = FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      Event *ev = &g_array_index (events, Event, i);

      if (ev->kind == EV_SIZE)
        large = ev->value == 0x11;
      else if (ev->kind == EV_TEXT)
        g_assert_cmpuint (g_utf8_strlen (ev->text, -1), <=, large ? columns / 2 : columns);
    }
}

static void
test_native_qr (BoTestFixture *fx,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = sell (fx, fx->cashier, BO_PAYMENT_CASH);
  g_autoptr (BoPrintLayout) layout = bo_print_layout_new (fx->store, order, &error);
  g_autoptr (BoPrintDoc) doc = NULL;
  GPtrArray *tickets = bo_order_get_tickets (order);
  guint widths[] = { 80, 58 };

  g_assert_no_error (error);
  doc = bo_print_layout_tickets (layout, 0, FALSE);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr (GBytes) stream = render (doc, widths[w], BO_ESCPOS_QR_NATIVE);
      g_autoptr (GArray) events = parse_escpos (stream);
      g_autofree char *text = all_text (events);
      guint qr = 0;
      int ec = -1, model = -1, size = -1;

      g_assert_cmpint (g_array_index (events, Event, 0).kind, ==, EV_INIT);
      g_assert_cmpint (g_array_index (events, Event, 1).kind, ==, EV_CHARSET);
      g_assert_cmpint (g_array_index (events, Event, 1).value, ==, 0);
      /* one partial cut per ticket, no drawer, no raster */
      g_assert_cmpuint (count_events (events, EV_CUT), ==, 4);
      g_assert_cmpuint (count_events (events, EV_DRAWER), ==, 0);
      g_assert_cmpuint (count_events (events, EV_RASTER), ==, 0);
      g_assert_cmpuint (count_events (events, EV_QR_PRINT), ==, 4);
      for (guint i = 0; i < events->len; i++)
        {
          Event *ev = &g_array_index (events, Event, i);

          if (ev->kind == EV_CUT)
            g_assert_cmpint (ev->value, ==, 66);
          else if (ev->kind == EV_QR_MODEL)
            model = ev->value;
          else if (ev->kind == EV_QR_EC)
            ec = ev->value;
          else if (ev->kind == EV_QR_SIZE)
            size = ev->value;
          else if (ev->kind == EV_QR_STORE)
            {
              BoOrderTicket *ticket = tickets->pdata[qr++];

              /* exactly the secret, stored before each print */
              g_assert_cmpstr (ev->text, ==, ticket->secret);
              g_assert_cmpint (g_array_index (events, Event, i + 1).kind, ==, EV_QR_PRINT);
              g_assert_cmpint (model, ==, '2');
              g_assert_cmpint (ec, ==, '1'); /* M */
              g_assert_cmpint (size, >=, 3);
            }
        }
      g_assert_cmpuint (qr, ==, 4);
      /* the event name is large: 24 or 16 columns, so it wraps */
      g_assert_nonnull (strstr (text, "Sevdah Night:"));
      g_assert_nonnull (strstr (text, "Friends\n"));
      g_assert_nonnull (strstr (text, "Narodno pozorište Sarajevo"));
      g_assert_nonnull (strstr (text, "Ticket 4 of 4"));
      g_assert_nonnull (strstr (text, "Student"));
      g_assert_null (strstr (text, "REPRINT"));
      g_assert_null (strchr (text, '?'));
      assert_columns (events, widths[w] == 80 ? 48 : 32);
    }
}

static void
test_raster_qr (BoTestFixture *fx,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = sell (fx, fx->cashier, BO_PAYMENT_CARD);
  g_autoptr (BoPrintLayout) layout = bo_print_layout_new (fx->store, order, &error);
  g_autoptr (BoPrintDoc) doc = NULL;
  GPtrArray *tickets = bo_order_get_tickets (order);
  guint widths[] = { 80, 58 };

  g_assert_no_error (error);
  doc = bo_print_layout_tickets (layout, 0, FALSE);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr (GBytes) stream = render (doc, widths[w], BO_ESCPOS_QR_RASTER);
      g_autoptr (GArray) events = parse_escpos (stream);
      guint qr = 0;

      g_assert_cmpuint (count_events (events, EV_QR_STORE), ==, 0);
      g_assert_cmpuint (count_events (events, EV_CUT), ==, 4);
      for (guint i = 0; i < events->len; i++)
        {
          Event *ev = &g_array_index (events, Event, i);
          g_autofree char *decoded = NULL;
          BoOrderTicket *ticket;

          if (ev->kind != EV_RASTER)
            continue;
          g_assert_cmpuint (ev->width * 8, ==, widths[w] == 80 ? 576 : 384);
          decoded = zbar_decode_raster (ev, fx->dir, qr);
          ticket = tickets->pdata[qr++];
          g_assert_cmpstr (decoded, ==, ticket->secret);
        }
      g_assert_cmpuint (qr, ==, 4);
    }
}

static void
test_receipt (BoTestFixture *fx,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) cash = sell (fx, fx->cashier, BO_PAYMENT_CASH);
  g_autoptr (BoOrder) card = sell (fx, fx->cashier, BO_PAYMENT_CARD);
  g_autoptr (BoPrintLayout) cash_layout = bo_print_layout_new (fx->store, cash, &error);
  g_autoptr (BoPrintLayout) card_layout = bo_print_layout_new (fx->store, card, &error);
  g_autoptr (BoPrintDoc) cash_doc = bo_print_layout_receipt (cash_layout, FALSE);
  g_autoptr (BoPrintDoc) copy_doc = bo_print_layout_receipt (cash_layout, TRUE);
  g_autoptr (BoPrintDoc) card_doc = bo_print_layout_receipt (card_layout, FALSE);
  g_autoptr (GBytes) cash_stream = render (cash_doc, 80, BO_ESCPOS_QR_NATIVE);
  g_autoptr (GBytes) copy_stream = render (copy_doc, 80, BO_ESCPOS_QR_NATIVE);
  g_autoptr (GBytes) card_stream = render (card_doc, 58, BO_ESCPOS_QR_NATIVE);
  g_autoptr (GArray) cash_events = parse_escpos (cash_stream);
  g_autoptr (GArray) copy_events = parse_escpos (copy_stream);
  g_autoptr (GArray) card_events = parse_escpos (card_stream);
  g_autofree char *text = all_text (cash_events);
  g_autofree char *copy_text = all_text (copy_events);
  g_autofree char *seq = g_strdup_printf ("Journal no. %" G_GINT64_FORMAT,
                                          bo_order_get_journal_seq (cash));
  guint first_text = G_MAXUINT, drawer = G_MAXUINT;

  g_assert_no_error (error);
  /* A cash sale opens the drawer once, before any paper moves; a copy and a card sale never. */
  g_assert_cmpuint (count_events (cash_events, EV_DRAWER), ==, 1);
  g_assert_cmpuint (count_events (copy_events, EV_DRAWER), ==, 0);
  g_assert_cmpuint (count_events (card_events, EV_DRAWER), ==, 0);
  for (guint i = 0; i < cash_events->len; i++)
    {
      EventKind kind = g_array_index (cash_events, Event, i).kind;

      if (kind == EV_DRAWER)
        drawer = i;
      else if (kind == EV_TEXT && first_text == G_MAXUINT)
        first_text = i;
    }
  g_assert_cmpuint (drawer, <, first_text);
  g_assert_cmpuint (count_events (cash_events, EV_CUT), ==, 1);
  g_assert_cmpuint (count_events (card_events, EV_CUT), ==, 1);

  /* C locale money: 3 × 2650 + 1600 = 9550, change 20000 - 9550, tax 17 % of the total. */
  g_assert_nonnull (strstr (text, "3 × Standing"));
  g_assert_nonnull (strstr (text, "75.00 EUR"));
  g_assert_nonnull (strstr (text, "Booking fees"));
  g_assert_nonnull (strstr (text, "5.50 EUR"));
  g_assert_nonnull (strstr (text, "95.50 EUR"));
  g_assert_nonnull (strstr (text, "104.50 EUR"));
  g_assert_nonnull (strstr (text, "200.00 EUR"));
  g_assert_nonnull (strstr (text, "13.88 EUR"));
  g_assert_nonnull (strstr (text, "Operator: Cashier"));
  g_assert_nonnull (strstr (text, seq));
  g_assert_null (strstr (text, "COPY"));
  g_assert_nonnull (strstr (copy_text, "COPY"));
  assert_columns (cash_events, 48);
  assert_columns (card_events, 32);
}

/* Central European names and the euro sign: one code page per line where one has them all,
 * the line as an image where none has. */
static void
test_code_pages (void)
{
  g_autoptr (BoPrintDoc) doc = bo_print_doc_new (BO_PRINT_DOC_RECEIPT);
  g_autoptr (GBytes) stream = NULL;
  g_autoptr (GArray) events = NULL;
  const char *lines[] = {
    "Grüße aus Köln 12,50 €",
    "Đorđe Čaušević — 12,50 €",
    "Šćepan Žižić",
    "Ça coûte 12,50 €",
  };
  guint next = 0, rasters = 0;
  gboolean seen_1250 = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, lines[i]);
  /* No code page on the list has Cyrillic and Japanese together. */
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, "東京 Ђорђе");
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_CENTER, BO_PRINT_TEXT_LARGE, "東京");
  bo_print_doc_add_cut (doc);

  stream = render (doc, 80, BO_ESCPOS_QR_NATIVE);
  events = parse_escpos (stream);
  for (guint i = 0; i < events->len; i++)
    {
      Event *ev = &g_array_index (events, Event, i);

      if (ev->kind == EV_CODE_PAGE)
        {
          g_assert_true (ev->value == 19 || ev->value == 45 || ev->value == 18);
          seen_1250 |= ev->value == 45;
        }
      else if (ev->kind == EV_TEXT)
        {
          g_assert_cmpuint (next, <, G_N_ELEMENTS (lines));
          g_assert_cmpstr (ev->text, ==, lines[next]);
          next++;
        }
      else if (ev->kind == EV_RASTER)
        {
          g_assert_cmpuint (ev->width, ==, 576 / 8);
          g_assert_cmpuint (ev->height, ==, rasters == 0 ? 24 : 48);
          g_assert_true (raster_has_ink (ev));
          rasters++;
        }
    }
  g_assert_cmpuint (next, ==, G_N_ELEMENTS (lines));
  g_assert_cmpuint (rasters, ==, 2);
  g_assert_true (seen_1250);

  /* The very bytes: PC858 is selected first (ESC t 19), "ü" is 0x81 and "€" 0xD5 there;
   * "Đ" is 0xD0 and "—" 0x97 in WPC1250 (ESC t 45). */
  {
    gsize len;
    const guint8 *b = g_bytes_get_data (stream, &len);
    const guint8 grusse[] = { 'G', 'r', 0x81, 0xe1, 'e' };
    const guint8 dorde[] = { 0x1b, 't', 45, 0xd0, 'o', 'r', 0xf0, 'e', ' ', 0xc8, 'a', 'u',
                             0x9a, 'e', 'v', 'i', 0xe6, ' ', 0x97, ' ', '1', '2', ',', '5',
                             '0', ' ', 0x80, 0x0a };
    const guint8 init[] = { 0x1b, '@', 0x1b, 'R', 0, 0x1b, 't', 19 };

    g_assert_cmpmem (b, sizeof init, init, sizeof init);
    g_assert_nonnull (memmem (b, len, grusse, sizeof grusse));
    g_assert_nonnull (memmem (b, len, dorde, sizeof dorde));
  }
}

static void
test_code_page_choice (void)
{
  g_autoptr (BoEscposRenderer) renderer = bo_escpos_renderer_new (58);
  g_autoptr (BoPrintDoc) doc = bo_print_doc_new (BO_PRINT_DOC_RECEIPT);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) stream = NULL;
  g_autoptr (GArray) events = NULL;
  guint rasters = 0;

  /* A printer with only PC852: no euro sign there, so that line becomes an image. */
  g_assert_false (bo_escpos_renderer_set_code_pages (renderer, "PC852,KOI8", &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_true (bo_escpos_renderer_set_code_pages (renderer, "PC852", &error));
  g_assert_cmpint (bo_escpos_code_page_number ("WPC1250"), ==, 45);
  g_assert_cmpint (bo_escpos_code_page_number ("PC858"), ==, 19);

  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_NORMAL, "Čaušević");
  bo_print_doc_add_text (doc, BO_PRINT_ALIGN_LEFT, BO_PRINT_TEXT_BOLD, "12,50 €");
  bo_print_doc_add_columns (doc, BO_PRINT_TEXT_NORMAL,
                            "A rather long ticket type name that must wrap", "12.50 EUR");
  stream = bo_escpos_renderer_render (renderer, doc, &error);
  g_assert_no_error (error);
  events = parse_escpos (stream);
  for (guint i = 0; i < events->len; i++)
    {
      Event *ev = &g_array_index (events, Event, i);

      if (ev->kind == EV_CODE_PAGE)
        g_assert_cmpint (ev->value, ==, 18);
      else if (ev->kind == EV_RASTER)
        {
          g_assert_cmpuint (ev->width, ==, 384 / 8);
          rasters++;
        }
    }
  g_assert_cmpuint (rasters, ==, 1);
  {
    g_autofree char *text = all_text (events);

    g_assert_cmpstr (text, ==,
                     "Čaušević\n"
                     "A rather long ticket type name\n"
                     "that must wrap         12.50 EUR\n");
  }
}

/* A receipt in Bosnian: the locale's money format survives the code pages. */
static void
test_localised_receipt (BoTestFixture *fx,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) dorde = NULL;
  g_autoptr (BoOrder) order = NULL;
  g_autoptr (BoPrintLayout) layout = NULL;
  g_autoptr (BoPrintDoc) receipt = NULL;
  g_autoptr (BoPrintDoc) tickets = NULL;
  g_autoptr (GBytes) stream = NULL;
  g_autoptr (GBytes) ticket_stream = NULL;
  g_autoptr (GArray) events = NULL;
  g_autoptr (GArray) ticket_events = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ticket_text = NULL;
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));
  sqlite3 *db = bo_store_get_db (fx->store);

  if (setlocale (LC_ALL, "bs_BA.UTF-8") == NULL)
    {
      g_test_skip ("the bs_BA.UTF-8 locale is not installed");
      return;
    }
  dorde = bo_operator_add (fx->store, fx->manager, "Đorđe Čaušević", BO_ROLE_CASHIER, "4321",
                           &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE ticket_types SET name = 'Parter — Čaršija' "
                                     "WHERE id = 11", NULL, NULL, NULL), ==, SQLITE_OK);
  order = sell (fx, dorde, BO_PAYMENT_CASH);
  layout = bo_print_layout_new (fx->store, order, &error);
  g_assert_no_error (error);
  receipt = bo_print_layout_receipt (layout, FALSE);
  tickets = bo_print_layout_tickets (layout, 0, FALSE);
  stream = render (receipt, 80, BO_ESCPOS_QR_NATIVE);
  ticket_stream = render (tickets, 58, BO_ESCPOS_QR_NATIVE);
  setlocale (LC_ALL, old);

  events = parse_escpos (stream);
  ticket_events = parse_escpos (ticket_stream);
  text = all_text (events);
  ticket_text = all_text (ticket_events);
  g_assert_cmpuint (count_events (events, EV_RASTER), ==, 0);
  g_assert_nonnull (strstr (text, "Đorđe Čaušević"));
  g_assert_nonnull (strstr (text, "3 × Parter — Čaršija"));
  g_assert_nonnull (strstr (text, "€ 95,50"));
  g_assert_nonnull (strstr (ticket_text, "Parter — Čaršija"));
  g_assert_nonnull (strstr (ticket_text, "€ 26,50"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bo/escpos/native-qr", BoTestFixture, WITH_DEMO, bo_test_fixture_setup,
              test_native_qr, bo_test_fixture_teardown);
  g_test_add ("/bo/escpos/raster-qr", BoTestFixture, WITH_DEMO, bo_test_fixture_setup,
              test_raster_qr, bo_test_fixture_teardown);
  g_test_add ("/bo/escpos/receipt", BoTestFixture, WITH_DEMO, bo_test_fixture_setup,
              test_receipt, bo_test_fixture_teardown);
  g_test_add_func ("/bo/escpos/code-pages", test_code_pages);
  g_test_add_func ("/bo/escpos/code-page-choice", test_code_page_choice);
  g_test_add ("/bo/escpos/localised-receipt", BoTestFixture, WITH_DEMO, bo_test_fixture_setup,
              test_localised_receipt, bo_test_fixture_teardown);

  return g_test_run ();
}
