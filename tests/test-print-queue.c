/* test-print-queue.c — print jobs in the store: printing, failing, retrying, reprints, lp, CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bo-test-util.h"
#include "domain/bo-journal.h"
#include "domain/bo-order.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "print/bo-lp-printer.h"
#include "print/bo-print-queue.h"

#define WITH_DEMO GINT_TO_POINTER (TRUE)

static BoOrder *
sell (BoTestFixture  *fx,
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
  order = bo_sale_commit (sale, fx->store, fx->device, fx->cashier, &error);
  g_assert_no_error (error);
  return order;
}

static gint64
job_of (BoTestFixture *fx,
        BoOrder       *order,
        const char    *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM print_jobs WHERE order_id = %"
                                          G_GINT64_FORMAT " AND kind = '%s' ORDER BY id LIMIT 1",
                                          bo_order_get_id (order), kind);

  return bo_test_query_int (fx->store, sql);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return memmem (data, len, needle, strlen (needle)) != NULL;
}

static BoPrintQueue *
new_queue (BoTestFixture *fx,
           const char    *tickets_uri,
           const char    *receipt_uri)
{
  g_autoptr (BoPrintConfig) config = bo_print_config_new ();

  bo_print_config_set_ticket_printer (config, tickets_uri);
  bo_print_config_set_receipt_printer (config, receipt_uri);
  return bo_print_queue_new (fx->store, fx->device, config);
}

static guint
print_count (BoOrder *order,
             guint    index)
{
  return ((BoOrderTicket *) bo_order_get_tickets (order)->pdata[index])->print_count;
}

static void
test_sale_prints (BoTestFixture *fx,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = sell (fx, BO_PAYMENT_CASH);
  g_autofree char *tickets_path = g_build_filename (fx->dir, "tickets.bin", NULL);
  g_autofree char *receipt_path = g_build_filename (fx->dir, "receipt.bin", NULL);
  g_autofree char *tickets_uri = g_strconcat ("file:", tickets_path, NULL);
  g_autofree char *receipt_uri = g_strconcat ("file:", receipt_path, NULL);
  g_autoptr (BoPrintQueue) queue = new_queue (fx, tickets_uri, receipt_uri);
  g_autoptr (BoPrintJob) job = NULL;
  g_autoptr (BoOrder) after = NULL;
  g_autoptr (GBytes) tickets = NULL;
  g_autoptr (GBytes) receipt = NULL;
  guint failed = 99;
  guint done;

  done = bo_print_queue_run_pending (queue, FALSE, &failed, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (done, ==, 2);
  g_assert_cmpuint (failed, ==, 0);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM print_jobs "
                                                 "WHERE state = 'done' AND attempts = 1 "
                                                 "AND printed_at IS NOT NULL "
                                                 "AND last_error IS NULL"), ==, 2);

  tickets = read_file (tickets_path);
  receipt = read_file (receipt_path);
  /* ESC @ first; every secret in a native QR command; a first print is no reprint */
  g_assert_cmpmem (g_bytes_get_data (tickets, NULL), 2, "\x1b@", 2);
  for (guint i = 0; i < 4; i++)
    {
      BoOrderTicket *ticket = bo_order_get_tickets (order)->pdata[i];

      g_assert_true (bytes_contain (tickets, ticket->secret));
    }
  g_assert_false (bytes_contain (tickets, "REPRINT"));
  g_assert_true (bytes_contain (receipt, "95.50 EUR"));
  g_assert_true (bytes_contain (receipt, "\x1bp"));  /* cash: the drawer opens */
  g_assert_false (bytes_contain (receipt, "COPY"));

  after = bo_order_lookup (fx->store, bo_order_get_uuid (order), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (print_count (after, i), ==, 1);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal "
                                                 "WHERE kind = 'reprint'"), ==, 0);

  /* nothing left to do, and a printed job is not printed again */
  g_assert_cmpuint (bo_print_queue_run_pending (queue, TRUE, &failed, NULL, &error), ==, 0);
  g_assert_false (bo_print_queue_run (queue, job_of (fx, order, "tickets"), NULL, NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED);
  g_clear_error (&error);
  job = bo_print_queue_get_job (queue, job_of (fx, order, "tickets"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (job->state, ==, "done");
  g_assert_cmpuint (job->attempts, ==, 1);
}

static void
test_reprint (BoTestFixture *fx,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = sell (fx, BO_PAYMENT_CASH);
  g_autofree char *path = g_build_filename (fx->dir, "paper.bin", NULL);
  g_autofree char *uri = g_strconcat ("file:", path, NULL);
  g_autoptr (BoPrintQueue) queue = new_queue (fx, uri, uri);
  g_autoptr (BoPrintJob) job = NULL;
  g_autoptr (BoOrder) after = NULL;
  g_autoptr (GBytes) paper = NULL;
  const char *second_uuid = ((BoOrderTicket *) bo_order_get_tickets (order)->pdata[1])->uuid;
  gint64 count = 0;
  gint64 id;

  g_assert_true (bo_print_queue_run (queue, job_of (fx, order, "tickets"), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bo_print_queue_run (queue, job_of (fx, order, "receipt"), NULL, NULL, &error));
  g_assert_no_error (error);

  /* The tickets again: a new job, a reprint, marked on the paper and journaled. */
  bo_print_queue_set_operator (queue, fx->manager);
  id = bo_print_queue_add_for_order (queue, bo_order_get_uuid (order), "tickets", NULL, NULL,
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, job_of (fx, order, "receipt"));
  job = bo_print_queue_get_job (queue, id, &error);
  g_assert_true (job->reprint);
  g_assert_true (bo_print_queue_run (queue, id, NULL, NULL, &error));
  g_assert_no_error (error);
  paper = read_file (path);
  g_assert_true (bytes_contain (paper, "REPRINT"));
  g_clear_pointer (&paper, g_bytes_unref);

  /* One ticket only. */
  id = bo_print_queue_add_for_order (queue, bo_order_get_uuid (order), "tickets", second_uuid,
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bo_print_queue_run (queue, id, NULL, NULL, &error));
  g_assert_no_error (error);
  paper = read_file (path);
  g_assert_true (bytes_contain (paper, "Ticket 2 of 4"));
  g_assert_false (bytes_contain (paper, "Ticket 1 of 4"));
  g_clear_pointer (&paper, g_bytes_unref);

  after = bo_order_lookup (fx->store, bo_order_get_uuid (order), &error);
  g_assert_cmpuint (print_count (after, 0), ==, 2);
  g_assert_cmpuint (print_count (after, 1), ==, 3);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM tickets "
                                                 "WHERE reprint_requested = 1"), ==, 4);

  /* A copy of the receipt says so, opens no drawer, and is journaled too. */
  id = bo_print_queue_add_for_order (queue, bo_order_get_uuid (order), "receipt", NULL, NULL,
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bo_print_queue_run (queue, id, NULL, NULL, &error));
  g_assert_no_error (error);
  paper = read_file (path);
  g_assert_true (bytes_contain (paper, "COPY"));
  g_assert_false (bytes_contain (paper, "\x1bp"));

  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal "
                                                 "WHERE kind = 'reprint'"), ==, 3);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal "
                                                 "WHERE kind = 'reprint' "
                                                 "AND payload LIKE '%\"Manager\"%'"), ==, 3);
  g_assert_true (bo_journal_verify (fx->store, bo_device_get_public_key (fx->device), &count,
                                    NULL, &error));
  g_assert_no_error (error);
}

/* A printer that is not there: the jobs fail with a clear error and stay; the sale is intact;
 * the jobs print once sent to another printer. */
static void
test_failure_keeps_sale (BoTestFixture *fx,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = sell (fx, BO_PAYMENT_CARD);
  g_autofree char *missing = g_build_filename (fx->dir, "no-such-printer", NULL);
  g_autofree char *missing_uri = g_strconcat ("lp:", missing, NULL);
  g_autofree char *good = g_build_filename (fx->dir, "spool", NULL);
  g_autofree char *good_uri = g_strconcat ("file:", good, NULL);
  g_autofree char *spooled = NULL;
  g_autoptr (BoPrintQueue) queue = new_queue (fx, missing_uri, NULL);
  g_autoptr (BoPrintJob) tickets = NULL;
  g_autoptr (BoPrintJob) receipt = NULL;
  g_autoptr (BoOrder) after = NULL;
  guint failed = 0;

  g_assert_cmpuint (bo_print_queue_run_pending (queue, FALSE, &failed, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (failed, ==, 2);

  tickets = bo_print_queue_get_job (queue, job_of (fx, order, "tickets"), &error);
  receipt = bo_print_queue_get_job (queue, job_of (fx, order, "receipt"), &error);
  g_assert_cmpstr (tickets->state, ==, "failed");
  g_assert_cmpuint (tickets->attempts, ==, 1);
  g_assert_nonnull (strstr (tickets->last_error, missing));
  g_assert_nonnull (strstr (tickets->last_error, "plugged in"));
  g_assert_cmpstr (receipt->state, ==, "failed");
  g_assert_cmpstr (receipt->last_error, ==, "No printer is set up for receipt");

  /* the sale is untouched */
  after = bo_order_lookup (fx->store, bo_order_get_uuid (order), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bo_order_get_status (after), ==, "paid");
  g_assert_cmpuint (bo_order_get_tickets (after)->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (print_count (after, i), ==, 0);

  /* queued only: failed jobs wait for a retry */
  g_assert_cmpuint (bo_print_queue_run_pending (queue, FALSE, &failed, NULL, &error), ==, 0);
  g_assert_cmpuint (failed, ==, 0);
  g_clear_pointer (&tickets, bo_print_job_free);
  tickets = bo_print_queue_get_job (queue, job_of (fx, order, "tickets"), &error);
  g_assert_cmpuint (tickets->attempts, ==, 1);

  /* to another printer: a spool folder, one file per job */
  g_assert_cmpint (g_mkdir (good, 0700), ==, 0);
  g_assert_true (bo_print_queue_run (queue, tickets->id, good_uri, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tickets, bo_print_job_free);
  tickets = bo_print_queue_get_job (queue, job_of (fx, order, "tickets"), &error);
  g_assert_cmpstr (tickets->state, ==, "done");
  g_assert_cmpuint (tickets->attempts, ==, 2);
  g_assert_cmpstr (tickets->target, ==, good_uri);
  g_assert_null (tickets->last_error);
  spooled = g_strdup_printf ("%s/job-%" G_GINT64_FORMAT "-tickets.escpos", good, tickets->id);
  g_assert_true (g_file_test (spooled, G_FILE_TEST_IS_REGULAR));

  /* a job can be cancelled while it waits, not after */
  g_assert_true (bo_print_queue_cancel (queue, receipt->id, &error));
  g_assert_no_error (error);
  g_assert_false (bo_print_queue_cancel (queue, receipt->id, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (bo_print_queue_run (queue, receipt->id, good_uri, NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (bo_print_queue_run (queue, tickets->id, "fax:123", NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_INVALID_URI);
}

static void
test_recover (BoTestFixture *fx,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = sell (fx, BO_PAYMENT_CARD);
  g_autoptr (BoPrintQueue) queue = new_queue (fx, NULL, NULL);
  g_autoptr (BoPrintJob) job = NULL;
  sqlite3 *db = bo_store_get_db (fx->store);

  /* a process died while printing an hour ago; another is printing right now */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE print_jobs SET state = 'printing', attempts = 1, "
                                     "updated_at = '2001-01-01T10:00:00Z' WHERE kind = 'tickets'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE print_jobs SET state = 'printing', attempts = 1, "
                                     "updated_at = '2999-01-01T10:00:00Z' WHERE kind = 'receipt'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (bo_print_queue_recover (queue, 600, &error), ==, 1);
  g_assert_no_error (error);
  job = bo_print_queue_get_job (queue, job_of (fx, order, "tickets"), &error);
  g_assert_cmpstr (job->state, ==, "failed");
  g_assert_nonnull (strstr (job->last_error, "interrupted"));
  g_assert_false (bo_print_queue_run (queue, job_of (fx, order, "receipt"), NULL, NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED);
}

typedef struct {
  char       *path;
  GByteArray *received;
  guint       delay_ms;   /* before reading */
  gsize       stop_after; /* close after this many bytes (0: read to the end) */
} FifoReader;

static gpointer
fifo_reader_thread (gpointer data)
{
  FifoReader *reader = data;
  guint8 buffer[4096];
  int fd = open (reader->path, O_RDONLY);
  gssize n;

  g_assert_cmpint (fd, >=, 0);
  g_usleep (reader->delay_ms * 1000);
  for (int idle = 0; idle < 5000;)
    {
      n = read (fd, buffer, sizeof buffer);
      /* End of file before any data: start_reader()'s probe came and went, the printer
       * writer has not opened yet. */
      if (n == 0 && reader->received->len == 0)
        {
          g_usleep (1000);
          idle++;
          continue;
        }
      if (n <= 0)
        break;
      g_byte_array_append (reader->received, buffer, (guint) n);
      if (reader->stop_after > 0 && reader->received->len >= reader->stop_after)
        break;
    }
  close (fd);
  return NULL;
}

static GThread *
start_reader (FifoReader *reader)
{
  GThread *thread = g_thread_new ("fifo-reader", fifo_reader_thread, reader);

  /* the writer opens without blocking: it needs the reader there first */
  for (int i = 0; i < 500; i++)
    {
      int fd = open (reader->path, O_WRONLY | O_NONBLOCK);

      if (fd >= 0)
        {
          close (fd);
          break;
        }
      g_usleep (2000);
    }
  return thread;
}

/* The lp: path: a device file written without blocking, with poll() and a timeout. A FIFO
 * stands in for /dev/usb/lp0 (which only exists with a printer). */
static void
test_lp_device (BoTestFixture *fx,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = sell (fx, BO_PAYMENT_CARD);
  g_autofree char *fifo = g_build_filename (fx->dir, "lp0", NULL);
  g_autofree char *uri = g_strconcat ("lp:", fifo, NULL);
  g_autoptr (BoPrintQueue) queue = new_queue (fx, uri, uri);
  g_autoptr (BoPrintJob) job = NULL;
  g_autoptr (BoPrintJob) failed_job = NULL;
  g_autoptr (GBytes) expected = NULL;
  g_autoptr (GBytes) big = NULL;
  g_autoptr (BoLpPrinter) printer = NULL;
  FifoReader reader = { fifo, g_byte_array_new (), 0, 0 };
  GThread *thread;
  guint8 *filler;
  int hold;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  /* nobody reading: no printer there */
  g_assert_false (bo_print_queue_run (queue, job_of (fx, order, "receipt"), NULL, NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  failed_job = bo_print_queue_get_job (queue, job_of (fx, order, "receipt"), &error);
  g_assert_cmpstr (failed_job->state, ==, "failed");

  /* a reader: exactly the bytes rendered arrive */
  job = bo_print_queue_get_job (queue, job_of (fx, order, "tickets"), &error);
  expected = bo_print_queue_render (queue, job, uri, BO_PRINT_FORMAT_ESCPOS, &error);
  g_assert_no_error (error);
  reader.delay_ms = 50;
  thread = start_reader (&reader);
  g_assert_true (bo_print_queue_run (queue, job->id, NULL, NULL, &error));
  g_assert_no_error (error);
  g_thread_join (thread);
  g_assert_cmpmem (reader.received->data, reader.received->len,
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

  /* a device that takes no data: a timeout, not a hang */
  printer = bo_lp_printer_new (fifo);
  bo_lp_printer_set_timeout (printer, 200);
  filler = g_malloc0 (1 << 20);
  big = g_bytes_new_take (filler, 1 << 20);
  hold = open (fifo, O_RDONLY | O_NONBLOCK);
  g_assert_cmpint (hold, >=, 0);
  g_assert_false (bo_printer_send (BO_PRINTER (printer), big, NULL, "big", NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "bytes sent"));
  g_clear_error (&error);
  close (hold);

  /* the device goes away during the job */
  g_byte_array_set_size (reader.received, 0);
  reader.delay_ms = 0;
  reader.stop_after = 8192;
  thread = start_reader (&reader);
  g_assert_false (bo_printer_send (BO_PRINTER (printer), big, NULL, "big", NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_UNPLUGGED);
  g_thread_join (thread);
  g_byte_array_unref (reader.received);
}

typedef struct {
  GMainLoop *loop;
  guint      ticks;
  guint      done;
  guint      failed;
  gboolean   finished;
  GError    *error;
} AsyncState;

static gboolean
tick_cb (gpointer data)
{
  ((AsyncState *) data)->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
pending_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  AsyncState *state = data;

  state->done = bo_print_queue_run_pending_finish (result, &state->failed, &state->error);
  state->finished = TRUE;
  g_main_loop_quit (state->loop);
}

/* The GUI's way: the printing happens on a worker thread while the main loop keeps running. */
static void
test_async (BoTestFixture *fx,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = sell (fx, BO_PAYMENT_CARD);
  g_autoptr (BoPrintConfig) config = bo_print_config_new ();
  g_autofree char *fifo = g_build_filename (fx->dir, "slow-printer", NULL);
  g_autofree char *uri = g_strconcat ("lp:", fifo, NULL);
  g_autofree char *receipt = g_build_filename (fx->dir, "receipt.bin", NULL);
  g_autofree char *receipt_uri = g_strconcat ("file:", receipt, NULL);
  FifoReader reader = { fifo, g_byte_array_new (), 300, 0 };
  AsyncState state = { g_main_loop_new (NULL, FALSE), 0, };
  GThread *thread;
  guint tick;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  bo_print_config_set_ticket_printer (config, uri);
  bo_print_config_set_receipt_printer (config, receipt_uri);
  /* QR codes as images: more than a pipe holds, so the writer has to wait for the reader */
  g_assert_true (bo_print_config_set_from_string (config, "print-qr-as-image", "true", &error));
  thread = start_reader (&reader);

  tick = g_timeout_add (10, tick_cb, &state);
  bo_print_queue_run_pending_async (fx->path, config, FALSE, NULL, pending_done_cb, &state);
  g_main_loop_run (state.loop);
  g_source_remove (tick);
  g_thread_join (thread);

  g_assert_no_error (state.error);
  g_assert_true (state.finished);
  g_assert_cmpuint (state.done, ==, 2);
  g_assert_cmpuint (state.failed, ==, 0);
  /* the printer took 300 ms; the loop went on meanwhile */
  g_assert_cmpuint (state.ticks, >=, 10);
  g_assert_cmpuint (reader.received->len, >, 65536);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM print_jobs "
                                                 "WHERE state = 'done'"), ==, 2);
  g_assert_true (g_file_test (receipt, G_FILE_TEST_IS_REGULAR));
  g_byte_array_unref (reader.received);
  g_main_loop_unref (state.loop);
}

static void
test_config (BoTestFixture *fx,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoPrintConfig) config = bo_print_config_new ();
  g_autoptr (BoPrintConfig) loaded = NULL;

  g_assert_null (bo_print_config_get_target (config, "tickets"));
  g_assert_true (bo_print_config_set_from_string (config, "receipt-printer", "usb:04b8:0202",
                                                  &error));
  g_assert_true (bo_print_config_set_from_string (config, "report-printer", "cups:Office",
                                                  &error));
  g_assert_true (bo_print_config_set_from_string (config, "paper-width-mm", "58", &error));
  g_assert_true (bo_print_config_set_from_string (config, "print-qr-as-image", "yes", &error));
  g_assert_true (bo_print_config_set_from_string (config, "ticket-pdf-paper", "ticket", &error));
  g_assert_no_error (error);
  g_assert_false (bo_print_config_set_from_string (config, "receipt-printer", "usb:4b8:202",
                                                   &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_INVALID_URI);
  g_clear_error (&error);
  g_assert_false (bo_print_config_set_from_string (config, "paper-width-mm", "110", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (bo_print_config_set_from_string (config, "receipt-pdf-paper", "ticket",
                                                   &error));
  g_clear_error (&error);
  g_assert_false (bo_print_config_set_from_string (config, "toner", "black", &error));
  g_clear_error (&error);

  /* tickets fall back to the receipt printer, closings to the report printer */
  g_assert_cmpstr (bo_print_config_get_target (config, "tickets"), ==, "usb:04b8:0202");
  g_assert_cmpstr (bo_print_config_get_target (config, "closing"), ==, "cups:Office");
  g_assert_cmpstr (bo_print_config_get_target (config, "test"), ==, "usb:04b8:0202");

  g_assert_true (bo_print_config_save (config, fx->store, &error));
  g_assert_no_error (error);
  loaded = bo_print_config_load (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bo_print_config_get_receipt_printer (loaded), ==, "usb:04b8:0202");
  g_assert_null (bo_print_config_get_ticket_printer (loaded));
  g_assert_cmpuint (bo_print_config_get_paper_width_mm (loaded), ==, 58);
  g_assert_true (bo_print_config_get_qr_as_image (loaded));
  g_assert_cmpint (bo_print_config_get_ticket_pdf_paper (loaded), ==, BO_PDF_PAPER_TICKET);
  g_assert_cmpint (bo_print_config_get_receipt_pdf_paper (loaded), ==, BO_PDF_PAPER_A4);
}

static JsonObject *
parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_cli (BoTestFixture *fx,
          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = sell (fx, BO_PAYMENT_CASH);
  g_autofree char *spool = g_build_filename (fx->dir, "spool", NULL);
  g_autofree char *set_tickets = g_strdup_printf ("ticket-printer=file:%s", spool);
  g_autofree char *test_path = g_build_filename (fx->dir, "test.pdf", NULL);
  g_autofree char *test_uri = g_strconcat ("file:", test_path, NULL);
  g_autofree char *reprint_path = g_build_filename (fx->dir, "reprint.bin", NULL);
  g_autofree char *reprint_uri = g_strconcat ("file:", reprint_path, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *receipt_id = NULL;
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (GBytes) paper = NULL;
  JsonArray *jobs;
  const char *uuid = bo_order_get_uuid (order);

  g_assert_cmpint (g_mkdir (spool, 0700), ==, 0);
  {
    const char *argv[] = { "--db", fx->path, "--json", "printers", "--no-discover",
                           "--set", set_tickets, "--set", "paper-width-mm=58", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    object = parse_json (out);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                   "settings"),
                                                    "paper-width-mm"), ==, "58");
    g_clear_pointer (&object, json_object_unref);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "--db", fx->path, "--json", "print-queue", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    object = parse_json (out);
    jobs = json_object_get_array_member (object, "jobs");
    g_assert_cmpuint (json_array_get_length (jobs), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (jobs, 0),
                                                    "state"), ==, "queued");
    receipt_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                  json_object_get_int_member (json_array_get_object_element (jobs,
                                                                                             1),
                                                              "id"));
    g_clear_pointer (&object, json_object_unref);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    /* tickets go to the spool; no receipt printer: that job fails, exit 1 */
    const char *argv[] = { "--db", fx->path, "--json", "print-queue", "retry", "--all", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 1);
    object = parse_json (out);
    g_assert_cmpint (json_object_get_int_member (object, "printed"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (object, "failed"), ==, 1);
    g_clear_pointer (&object, json_object_unref);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    /* the failed receipt to another printer that is not there: a clear error, job stays */
    const char *argv[] = { "--db", fx->path, "--json", "print-queue", "retry", receipt_id,
                           "--to", "usb:04b8:0e15", NULL };
    JsonObject *inner;

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 1);
    object = parse_json (err);
    inner = json_object_get_object_member (object, "error");
    g_assert_cmpstr (json_object_get_string_member (inner, "print_error"), ==,
                     "printer_not_found");
    g_assert_nonnull (strstr (json_object_get_string_member (inner, "message"), "04b8:0e15"));
    g_clear_pointer (&object, json_object_unref);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "--db", fx->path, "print", "--order", uuid, "--receipt", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "04b8:0e15"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    /* a reprint of the tickets, by a manager */
    const char *argv[] = { "--db", fx->path, "--json", "print", "--order", uuid, "--to",
                           reprint_uri, "--pin", "9999", NULL };
    JsonObject *job;

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    object = parse_json (out);
    job = json_object_get_object_member (object, "job");
    g_assert_true (json_object_get_boolean_member (job, "reprint"));
    g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
    g_assert_cmpstr (json_object_get_string_member (job, "kind"), ==, "tickets");
    paper = read_file (reprint_path);
    g_assert_true (bytes_contain (paper, "REPRINT"));
    g_clear_pointer (&object, json_object_unref);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "--db", fx->path, "print-test", "--to", test_uri, NULL };
    g_autoptr (GBytes) test = NULL;

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    test = read_file (test_path);
    g_assert_true (bytes_contain (test, "%PDF-"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "--db", fx->path, "print-queue", "cancel", receipt_id, NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { "--db", fx->path, "print-queue", NULL };

    g_assert_cmpint (bo_test_run_cli (argv, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "No print jobs are waiting"));
  }
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM journal "
                                                 "WHERE kind = 'reprint' "
                                                 "AND payload LIKE '%\"Manager\"%'"), ==, 1);
  g_assert_cmpint (bo_test_query_int (fx->store, "SELECT count(*) FROM print_jobs "
                                                 "WHERE state = 'done'"), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, BoTestFixture, WITH_DEMO, bo_test_fixture_setup, func, \
              bo_test_fixture_teardown)
  ADD ("/bo/print-queue/sale-prints", test_sale_prints);
  ADD ("/bo/print-queue/reprint", test_reprint);
  ADD ("/bo/print-queue/failure-keeps-sale", test_failure_keeps_sale);
  ADD ("/bo/print-queue/recover", test_recover);
  ADD ("/bo/print-queue/lp-device", test_lp_device);
  ADD ("/bo/print-queue/async", test_async);
  ADD ("/bo/print-queue/config", test_config);
  ADD ("/bo/print-queue/cli", test_cli);
#undef ADD

  return g_test_run ();
}
