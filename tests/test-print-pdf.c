/* test-print-pdf.c — tickets and receipts as PDF, and through a private CUPS with cups-pdf
 *
 * The PDFs are read back with poppler (pdftoppm at 200 dpi, pdftotext, pdfinfo) and every QR
 * code is decoded with zbarimg. The CUPS part starts its own cupsd (own configuration, spool,
 * log and cache folders in a temporary folder, own port on 127.0.0.1, CUPS_SERVER pointing
 * at it), adds a cups-pdf queue whose output folder is in that temporary folder, prints a
 * sale's tickets through the print queue, takes the PDF cups-pdf produced, and stops cupsd at
 * the end. cups-pdf only takes its output folder from its global configuration or from its
 * queue's PPD, where a value cannot contain "/": the PPD names relative folders, which the
 * backend resolves against cupsd's working folder — the temporary folder. cups-pdf runs as
 * root only (its backend is mode 0700), so without root that part is skipped. The queue uses
 * pdftocairo to make the PostScript cups-pdf wants, which keeps the text extractable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <arpa/inet.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bo-test-util.h"
#include "domain/bo-order.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "print/bo-print-layout.h"
#include "print/bo-print-pdf.h"
#include "print/bo-print-queue.h"

#define WITH_DEMO GINT_TO_POINTER (TRUE)
#define CUPS_PDF_PPD "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
#define CUPS_PDF_BACKEND "/usr/lib/cups/backend/cups-pdf"

/* Runs a tool; returns its exit status (-1 when it could not start) and its stdout. */
static int
run_tool (const char * const *argv,
          const char         *cwd,
          char              **out_stdout)
{
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (cwd, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     out_stdout, NULL, &status, &error))
    {
      g_test_message ("%s: %s", argv[0], error->message);
      return -1;
    }
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

static void
require_tools (void)
{
  const char *tools[] = { "pdftoppm", "pdftotext", "pdfinfo", "zbarimg" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        g_error ("%s is needed (poppler-utils, zbar-tools)", tools[i]);
    }
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  char *out = NULL;

  g_assert_cmpint (run_tool (argv, NULL, &out), ==, 0);
  return out;
}

static char *
pdf_info (const char *pdf,
          const char *field)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_cmpint (run_tool (argv, NULL, &out), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field))
      return g_strdup (g_strstrip (lines[i] + strlen (field)));
  return NULL;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Renders every page at 200 dpi and decodes every QR code on it: one GPtrArray of strings
 * per page. */
static GPtrArray *
pdf_qr_codes (const char *pdf,
              const char *dir)
{
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  const char *render[] = { "pdftoppm", "-r", "200", "-png", pdf, prefix, NULL };
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) listing = NULL;
  const char *name;

  g_assert_cmpint (run_tool (render, NULL, NULL), ==, 0);
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "page") && g_str_has_suffix (name, ".png"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, compare_paths);

  for (guint i = 0; i < files->len; i++)
    {
      const char *zbar[] = { "zbarimg", "-q", "--raw", files->pdata[i], NULL };
      GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *out = NULL;
      g_auto (GStrv) lines = NULL;

      run_tool (zbar, NULL, &out);
      lines = g_strsplit (out != NULL ? out : "", "\n", -1);
      for (guint j = 0; lines[j] != NULL; j++)
        if (*lines[j] != '\0')
          g_ptr_array_add (codes, g_strdup (lines[j]));
      g_ptr_array_add (pages, codes);
      g_remove (files->pdata[i]);
    }
  return pages;
}

/* strstr() with the text in the log when it fails */
#define assert_contains(text, needle) G_STMT_START { \
    if (strstr ((text), (needle)) == NULL) \
      g_error ("“%s” not found in:\n%s", (needle), (text)); \
  } G_STMT_END

static gboolean
codes_contain (GPtrArray  *codes,
               const char *secret)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_str_equal (codes->pdata[i], secret))
      return TRUE;
  return FALSE;
}

static BoOrder *
sell (BoTestFixture *fx,
      BoOperator    *operator)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoSale) sale = bo_sale_new (1);
  g_autoptr (BoShift) shift = bo_shift_get_current (fx->store, &error);
  BoOrder *order;

  if (shift == NULL)
    {
      shift = bo_shift_open (fx->store, fx->device, fx->cashier, 10000, &error);
      g_assert_no_error (error);
    }
  g_assert_true (bo_sale_add_tickets (sale, 11, 3, &error));
  g_assert_true (bo_sale_add_tickets (sale, 13, 1, &error));
  bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, 20000, NULL);
  order = bo_sale_commit (sale, fx->store, fx->device, operator, &error);
  g_assert_no_error (error);
  return order;
}

/* Central European names in the data: they must come out of the PDF as they went in. */
static BoOperator *
add_named_operator (BoTestFixture *fx)
{
  g_autoptr (GError) error = NULL;
  BoOperator *op = bo_operator_add (fx->store, fx->manager, "Đorđe Čaušević", BO_ROLE_CASHIER,
                                    "4321", &error);

  g_assert_no_error (error);
  bo_test_exec (fx->store, "UPDATE ticket_types SET name = 'Parter — Čaršija' WHERE id = 11");
  return op;
}

static char *
write_pdf (BoTestFixture *fx,
           BoPrintDoc    *doc,
           BoPdfPaper     paper,
           const char    *name)
{
  g_autoptr (BoPdfRenderer) renderer = bo_pdf_renderer_new (paper);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = bo_pdf_renderer_render (renderer, doc, &error);
  char *path = g_build_filename (fx->dir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      (gssize) g_bytes_get_size (pdf), &error));
  return path;
}

static void
test_tickets (BoTestFixture *fx,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) op = add_named_operator (fx);
  g_autoptr (BoOrder) order = sell (fx, op);
  g_autoptr (BoPrintLayout) layout = bo_print_layout_new (fx->store, order, &error);
  g_autoptr (BoPrintDoc) doc = bo_print_layout_tickets (layout, 0, FALSE);
  GPtrArray *tickets = bo_order_get_tickets (order);
  g_autofree char *stock = write_pdf (fx, doc, BO_PDF_PAPER_TICKET, "stock.pdf");
  g_autofree char *a4 = write_pdf (fx, doc, BO_PDF_PAPER_A4, "a4.pdf");
  g_autofree char *stock_size = pdf_info (stock, "Page size:");
  g_autofree char *stock_pages = pdf_info (stock, "Pages:");
  g_autofree char *a4_pages = pdf_info (a4, "Pages:");
  g_autofree char *text = pdf_text (stock);
  g_autofree char *a4_text = pdf_text (a4);
  g_autoptr (GPtrArray) stock_codes = pdf_qr_codes (stock, fx->dir);
  g_autoptr (GPtrArray) a4_codes = pdf_qr_codes (a4, fx->dir);

  /* ticket stock: 210 × 74 mm, one ticket per page, each with its own QR code */
  g_assert_true (g_str_has_prefix (stock_size, "595.276 x 209.764 pts"));
  g_assert_cmpstr (stock_pages, ==, "4");
  g_assert_cmpuint (stock_codes->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      GPtrArray *codes = stock_codes->pdata[i];

      g_assert_cmpuint (codes->len, ==, 1);
      g_assert_cmpstr (codes->pdata[0], ==, ((BoOrderTicket *) tickets->pdata[i])->secret);
    }
  /* A4: all four on one page */
  g_assert_cmpstr (a4_pages, ==, "1");
  g_assert_cmpuint (a4_codes->len, ==, 1);
  g_assert_cmpuint (((GPtrArray *) a4_codes->pdata[0])->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_true (codes_contain (a4_codes->pdata[0],
                                  ((BoOrderTicket *) tickets->pdata[i])->secret));

  for (guint i = 0; i < 2; i++)
    {
      const char *t = i == 0 ? text : a4_text;

      assert_contains (t, "Sevdah Night: Amira & Friends");
      assert_contains (t, "Narodno pozorište Sarajevo");
      assert_contains (t, "Parter — Čaršija");
      assert_contains (t, "26.50 EUR");
      assert_contains (t, "Ticket 1 of 4");
      assert_contains (t, "Ticket 4 of 4");
      g_assert_null (strstr (t, "REPRINT"));
    }
}

static void
test_receipt (BoTestFixture *fx,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) op = add_named_operator (fx);
  g_autoptr (BoOrder) order = sell (fx, op);
  g_autoptr (BoPrintLayout) layout = bo_print_layout_new (fx->store, order, &error);
  g_autoptr (BoPrintDoc) doc = bo_print_layout_receipt (layout, FALSE);
  g_autofree char *a4 = write_pdf (fx, doc, BO_PDF_PAPER_A4, "receipt-a4.pdf");
  g_autofree char *roll = write_pdf (fx, doc, BO_PDF_PAPER_ROLL_80, "receipt-roll.pdf");
  g_autofree char *roll_size = pdf_info (roll, "Page size:");
  g_autofree char *a4_size = pdf_info (a4, "Page size:");

  g_assert_true (g_str_has_prefix (a4_size, "595.276 x 841.89 pts"));
  /* a roll is 80 mm wide and as long as the receipt */
  g_assert_true (g_str_has_prefix (roll_size, "226.772 x "));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = pdf_text (i == 0 ? a4 : roll);

      assert_contains (text, "3 × Parter — Čaršija");
      assert_contains (text, "Operator: Đorđe Čaušević");
      assert_contains (text, "95.50 EUR");
      assert_contains (text, "104.50 EUR");
      assert_contains (text, "Tax 17 % of 81.62 EUR");
      assert_contains (text, "13.88 EUR");
    }
}

/* A private cupsd, started and stopped by the test. */
typedef struct {
  char        *dir;
  char        *out;
  GSubprocess *cupsd;
  guint16      port;
} Cups;

static guint16
free_port (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  guint16 port;

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  port = ntohs (addr.sin_port);
  close (fd);
  return port;
}

static gboolean
port_open (guint16 port)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (port) };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  gboolean ok;

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  ok = connect (fd, (struct sockaddr *) &addr, sizeof addr) == 0;
  close (fd);
  return ok;
}

static void
write_text (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static int
lp_tool (Cups               *cups,
         const char * const *argv)
{
  g_autofree char *out = NULL;

  return run_tool (argv, cups->dir, &out);
}

/* cupsd goes when the test goes, even when an assertion ends it early. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
cups_start (Cups *cups)
{
  const char *subdirs[] = { "conf", "conf/ppd", "spool", "spool/tmp", "cache", "state", "log",
                            "out", "cpspool" };
  g_autofree char *cupsd_path = g_find_program_in_path ("cupsd");
  g_autofree char *cupsd_conf = NULL;
  g_autofree char *files_conf = NULL;
  g_autofree char *conf_dir = NULL;
  g_autofree char *server = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;

  if (cupsd_path == NULL && g_file_test ("/usr/sbin/cupsd", G_FILE_TEST_IS_EXECUTABLE))
    cupsd_path = g_strdup ("/usr/sbin/cupsd");
  if (cupsd_path == NULL)
    {
      g_test_skip ("cupsd is not installed");
      return FALSE;
    }
  if (geteuid () != 0 || !g_file_test (CUPS_PDF_BACKEND, G_FILE_TEST_EXISTS)
      || !g_file_test (CUPS_PDF_PPD, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("cups-pdf needs root and printer-driver-cups-pdf");
      return FALSE;
    }

  /* Filters run as "lp": every folder must be reachable; no "_" (cups-pdf reads it as " "). */
  cups->dir = g_dir_make_tmp ("bocups-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_null (strchr (cups->dir, '_'));
  g_chmod (cups->dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *sub = g_build_filename (cups->dir, subdirs[i], NULL);

      g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
    }
  cups->out = g_build_filename (cups->dir, "out", NULL);
  cups->port = free_port ();

  conf_dir = g_build_filename (cups->dir, "conf", NULL);
  cupsd_conf = g_strdup_printf ("Listen 127.0.0.1:%u\n"
                                "LogLevel info\n"
                                "Browsing No\n"
                                "WebInterface No\n"
                                "DefaultAuthType None\n"
                                "JobRetryLimit 0\n"
                                "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                                "<Policy default>\n  <Limit All>\n    Order deny,allow\n"
                                "  </Limit>\n</Policy>\n",
                                cups->port);
  write_text (conf_dir, "cupsd.conf", cupsd_conf);
  files_conf = g_strdup_printf ("ServerRoot %s/conf\n"
                                "RequestRoot %s/spool\n"
                                "TempDir %s/spool/tmp\n"
                                "CacheDir %s/cache\n"
                                "StateDir %s/state\n"
                                "ErrorLog %s/log/error_log\n"
                                "AccessLog %s/log/access_log\n"
                                "PageLog %s/log/page_log\n"
                                "SystemGroup root\n"
                                "User lp\n"
                                "Group lp\n",
                                cups->dir, cups->dir, cups->dir, cups->dir, cups->dir, cups->dir,
                                cups->dir, cups->dir);
  write_text (conf_dir, "cups-files.conf", files_conf);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* cups-pdf's relative output folders are relative to this */
  g_subprocess_launcher_set_cwd (launcher, cups->dir);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  {
    g_autofree char *c = g_build_filename (conf_dir, "cupsd.conf", NULL);
    g_autofree char *s = g_build_filename (conf_dir, "cups-files.conf", NULL);

    cups->cupsd = g_subprocess_launcher_spawn (launcher, &error, cupsd_path, "-f", "-c", c,
                                               "-s", s, NULL);
  }
  g_assert_no_error (error);
  for (int i = 0; i < 200 && !port_open (cups->port); i++)
    g_usleep (50000);
  g_assert_true (port_open (cups->port));

  server = g_strdup_printf ("127.0.0.1:%u", cups->port);
  g_setenv ("CUPS_SERVER", server, TRUE);
  return TRUE;
}

static void
cups_add_queue (Cups       *cups,
                const char *name)
{
  g_autofree char *ppd_text = NULL;
  g_autofree char *ppd = g_build_filename (cups->dir, "cups-pdf.ppd", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = NULL;
  const char *argv[] = { "lpadmin", "-p", name, "-v", "cups-pdf:/", "-E", "-P", ppd,
                         "-o", "pdftops-renderer-default=pdftocairo", NULL };

  g_file_get_contents (CUPS_PDF_PPD, &ppd_text, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (ppd_text);
  /* relative to cupsd's working folder; a PPD value cannot hold "/" */
  g_string_append (text,
                   "*OpenUI *Out/Output folder: PickOne\n*DefaultOut: out\n"
                   "*Out out/out: \"\"\n*CloseUI: *Out\n"
                   "*OpenUI *Spool/Spool folder: PickOne\n*DefaultSpool: cpspool\n"
                   "*Spool cpspool/cpspool: \"\"\n*CloseUI: *Spool\n"
                   "*OpenUI *Log/Log folder: PickOne\n*DefaultLog: log\n"
                   "*Log log/log: \"\"\n*CloseUI: *Log\n");
  g_file_set_contents (ppd, text->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lp_tool (cups, argv), ==, 0);
}

static void
cups_stop (Cups *cups)
{
  if (cups->cupsd != NULL)
    {
      g_subprocess_send_signal (cups->cupsd, SIGTERM);
      g_subprocess_wait (cups->cupsd, NULL, NULL);
      g_clear_object (&cups->cupsd);
    }
  g_unsetenv ("CUPS_SERVER");
  bo_test_rm_rf (cups->dir);
  g_clear_pointer (&cups->dir, g_free);
  g_clear_pointer (&cups->out, g_free);
}

/* The newest PDF in the output folder that is not in @seen (which it is added to). */
static char *
take_new_pdf (Cups       *cups,
              GHashTable *seen)
{
  g_autoptr (GDir) dir = g_dir_open (cups->out, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (cups->out, name, NULL);
      g_autofree char *key = NULL;
      struct stat st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      key = g_strdup_printf ("%s:%ld.%09ld", name, (long) st.st_mtim.tv_sec,
                             (long) st.st_mtim.tv_nsec);
      if (g_str_has_suffix (name, ".pdf") && !g_hash_table_contains (seen, key))
        {
          g_hash_table_add (seen, g_steal_pointer (&key));
          return g_steal_pointer (&path);
        }
    }
  return NULL;
}

static void
test_cups (BoTestFixture *fx,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) op = add_named_operator (fx);
  g_autoptr (BoOrder) order = sell (fx, op);
  g_autoptr (BoPrintConfig) config = bo_print_config_new ();
  g_autoptr (BoPrintQueue) queue = NULL;
  g_autoptr (BoPrintJob) job = NULL;
  g_autoptr (BoOrder) after = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) codes = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *receipt_pdf = NULL;
  g_autofree char *receipt_text = NULL;
  g_autofree char *again = NULL;
  GPtrArray *tickets = bo_order_get_tickets (order);
  guint found = 0;
  Cups cups = { NULL, };
  gint64 reprint;

  if (!cups_start (&cups))
    return;
  g_test_message ("cupsd on port %u", cups.port);
  cups_add_queue (&cups, "TicketPDF");

  g_assert_true (bo_print_config_set_from_string (config, "ticket-printer", "cups:TicketPDF",
                                                  &error));
  g_assert_true (bo_print_config_set_from_string (config, "receipt-printer", "cups:TicketPDF",
                                                  &error));
  g_assert_true (bo_print_config_set_from_string (config, "receipt-pdf-paper", "roll80",
                                                  &error));
  queue = bo_print_queue_new (fx->store, fx->device, config);

  /* the sale's tickets, followed through CUPS until the job completed */
  g_assert_true (bo_print_queue_run (queue, 1, NULL, NULL, &error));
  g_assert_no_error (error);
  pdf = take_new_pdf (&cups, seen);
  g_assert_nonnull (pdf);
  codes = pdf_qr_codes (pdf, fx->dir);
  for (guint p = 0; p < codes->len; p++)
    found += ((GPtrArray *) codes->pdata[p])->len;
  g_assert_cmpuint (found, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      gboolean on_a_page = FALSE;

      for (guint p = 0; p < codes->len; p++)
        on_a_page |= codes_contain (codes->pdata[p], ((BoOrderTicket *) tickets->pdata[i])->secret);
      g_assert_true (on_a_page);
    }
  text = pdf_text (pdf);
  assert_contains (text, "Narodno pozorište Sarajevo");
  assert_contains (text, "Parter — Čaršija");
  assert_contains (text, "Ticket 4 of 4");

  /* the receipt on an 80 mm roll */
  g_assert_true (bo_print_queue_run (queue, 2, NULL, NULL, &error));
  g_assert_no_error (error);
  receipt_pdf = take_new_pdf (&cups, seen);
  g_assert_nonnull (receipt_pdf);
  receipt_text = pdf_text (receipt_pdf);
  assert_contains (receipt_text, "Đorđe Čaušević");
  assert_contains (receipt_text, "95.50 EUR");

  /* a stopped queue: the job fails, stays with the error, the sale is intact */
  {
    const char *argv[] = { "cupsdisable", "-r", "Out of ticket stock", "TicketPDF", NULL };

    g_assert_cmpint (lp_tool (&cups, argv), ==, 0);
  }
  reprint = bo_print_queue_add_for_order (queue, bo_order_get_uuid (order), "tickets", NULL,
                                          NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (bo_print_queue_run (queue, reprint, NULL, NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_CUPS);
  g_assert_nonnull (strstr (error->message, "stopped"));
  g_clear_error (&error);
  job = bo_print_queue_get_job (queue, reprint, &error);
  g_assert_cmpstr (job->state, ==, "failed");
  g_assert_nonnull (strstr (job->last_error, "TicketPDF"));
  g_assert_nonnull (strstr (job->last_error, "Out of ticket stock"));
  after = bo_order_lookup (fx->store, bo_order_get_uuid (order), &error);
  g_assert_cmpstr (bo_order_get_status (after), ==, "paid");
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (((BoOrderTicket *) bo_order_get_tickets (after)->pdata[i])->print_count,
                      ==, 1);
  g_assert_null (take_new_pdf (&cups, seen));

  /* a queue that does not exist */
  g_assert_false (bo_print_queue_run (queue, reprint, "cups:NoSuchQueue", NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* started again, the retry prints — on the queue given */
  {
    const char *argv[] = { "cupsenable", "TicketPDF", NULL };

    g_assert_cmpint (lp_tool (&cups, argv), ==, 0);
  }
  g_assert_true (bo_print_queue_run (queue, reprint, "cups:TicketPDF", NULL, &error));
  g_assert_no_error (error);
  again = take_new_pdf (&cups, seen);
  g_assert_nonnull (again);
  g_clear_pointer (&text, g_free);
  text = pdf_text (again);
  assert_contains (text, "REPRINT");

  cups_stop (&cups);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  require_tools ();

  g_test_add ("/bo/print-pdf/tickets", BoTestFixture, WITH_DEMO, bo_test_fixture_setup,
              test_tickets, bo_test_fixture_teardown);
  g_test_add ("/bo/print-pdf/receipt", BoTestFixture, WITH_DEMO, bo_test_fixture_setup,
              test_receipt, bo_test_fixture_teardown);
  g_test_add ("/bo/print-pdf/cups", BoTestFixture, WITH_DEMO, bo_test_fixture_setup,
              test_cups, bo_test_fixture_teardown);

  return g_test_run ();
}
