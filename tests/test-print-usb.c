/* test-print-usb.c — the USB path: libusb against an emulated printer-class device
 *
 * Runs under umockdev-wrapper (umockdev's preload library): an in-process UMockdevTestbed
 * holds a 04b8:0202 printer (interface class 7/1/2, bulk OUT 0x01, bulk IN 0x82) whose usbfs
 * ioctls are answered here, as a printer would: bulk OUT data is kept and compared byte for
 * byte with what the renderer made, DLE EOT status requests are answered on the IN endpoint,
 * and the printer can stall, be unplugged or stop taking data in the middle of a job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <linux/usbdevice_fs.h>
#include <sys/ioctl.h>
#include <locale.h>
#include <poll.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <umockdev.h>

#include "bo-test-util.h"
#include "domain/bo-order.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "print/bo-print-queue.h"
#include "print/bo-lp-printer.h"
#include "print/bo-usb-monitor.h"
#include "print/bo-usb-printer.h"

#define WITH_DEMO GINT_TO_POINTER (TRUE)
#define DEVNODE "/dev/bus/usb/001/005"
#define NEVER G_MAXSIZE

static const char printer_description[] =
  "P: /devices/pci0000:00/0000:00:14.0/usb1/1-1\n"
  "N: bus/usb/001/005=1201000200000040B804020200010102030109022000010100C00109040000020701020"
  "00705010240000007058202400000\n"
  "E: DEVNAME=/dev/bus/usb/001/005\n"
  "E: DEVTYPE=usb_device\n"
  "E: SUBSYSTEM=usb\n"
  "E: BUSNUM=001\n"
  "E: DEVNUM=005\n"
  "A: busnum=1\\n\n"
  "A: devnum=5\\n\n"
  "A: speed=12\n"
  "A: bConfigurationValue=1\n"
  "H: descriptors=1201000200000040B804020200010102030109022000010100C0010904000002070102000705"
  "010240000007058202400000\n";

/* The emulated printer. The handler runs on the testbed's thread: everything under the lock. */
typedef struct {
  GMutex      lock;
  GByteArray *received;    /* every byte of every completed bulk OUT transfer */
  GQueue      ready;       /* UMockdevIoctlData of URBs done, to be reaped */
  GList      *hung;        /* URBs the printer never completes (until discarded) */
  int         replies[5];  /* answer to DLE EOT n; -1: the printer stays silent */
  guint       last_eot;
  gsize       stall_after; /* bulk OUT halts once this many bytes arrived */
  gsize       unplug_after;
  gsize       hang_after;
  gboolean    usblp_bound; /* the kernel's usblp holds the interface */
  guint       stalls;
  guint       clear_halts;
  guint       detaches;
  guint       attaches;
} Printer;

typedef struct {
  BoTestFixture      fx;
  UMockdevTestbed   *testbed;
  UMockdevIoctlBase *handler;
  Printer            printer;
  BoOrder           *order;
} Fixture;

static void
complete_urb (Printer           *p,
              UMockdevIoctlData *urb_data,
              int                status,
              int                actual)
{
  struct usbdevfs_urb *urb = (struct usbdevfs_urb *) urb_data->data;

  urb->status = status;
  urb->actual_length = actual;
  g_queue_push_tail (&p->ready, umockdev_ioctl_data_ref (urb_data));
}

static gboolean
handle_submit (Printer             *p,
               UMockdevIoctlClient *client,
               UMockdevIoctlData   *arg)
{
  g_autoptr (UMockdevIoctlData) urb_data = NULL;
  g_autoptr (UMockdevIoctlData) buffer = NULL;
  struct usbdevfs_urb *urb;

  urb_data = umockdev_ioctl_data_resolve (arg, 0, sizeof (struct usbdevfs_urb), NULL);
  urb = (struct usbdevfs_urb *) urb_data->data;
  buffer = umockdev_ioctl_data_resolve (urb_data, G_STRUCT_OFFSET (struct usbdevfs_urb, buffer),
                                        urb->buffer_length, NULL);

  if (p->received->len >= p->unplug_after)
    {
      umockdev_ioctl_client_complete (client, -1, ENODEV);
      return TRUE;
    }
  if (urb->endpoint & 0x80)
    {
      int reply = p->last_eot < G_N_ELEMENTS (p->replies) ? p->replies[p->last_eot] : -1;

      if (reply >= 0 && urb->buffer_length >= 1)
        {
          buffer->data[0] = (guint8) reply;
          complete_urb (p, urb_data, 0, 1);
        }
      else
        p->hung = g_list_append (p->hung, umockdev_ioctl_data_ref (urb_data));
    }
  else if (p->received->len >= p->stall_after)
    {
      p->stalls++;
      complete_urb (p, urb_data, -EPIPE, 0);
    }
  else if (p->received->len >= p->hang_after)
    p->hung = g_list_append (p->hung, umockdev_ioctl_data_ref (urb_data));
  else
    {
      if (urb->buffer_length == 3 && buffer->data[0] == 0x10 && buffer->data[1] == 0x04)
        p->last_eot = buffer->data[2];
      g_byte_array_append (p->received, buffer->data, (guint) urb->buffer_length);
      complete_urb (p, urb_data, 0, urb->buffer_length);
    }
  umockdev_ioctl_client_complete (client, 0, 0);
  return TRUE;
}

static gint
compare_client_addr (gconstpointer data,
                     gconstpointer addr)
{
  return ((const UMockdevIoctlData *) data)->client_addr != (gulong) addr;
}

static gboolean
on_handle_ioctl_cb (UMockdevIoctlBase   *handler,
                    UMockdevIoctlClient *client,
                    Printer             *p)
{
  UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg (client);
  gulong request = umockdev_ioctl_client_get_request (client);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&p->lock);

  switch (request)
    {
    case USBDEVFS_GET_CAPABILITIES:
      {
        g_autoptr (UMockdevIoctlData) caps = umockdev_ioctl_data_resolve (arg, 0, 4, NULL);

        *(guint32 *) caps->data = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM;
        umockdev_ioctl_client_complete (client, 0, 0);
        return TRUE;
      }
    case USBDEVFS_GETDRIVER:
      {
        g_autoptr (UMockdevIoctlData) data = NULL;
        struct usbdevfs_getdriver *driver;

        if (!p->usblp_bound)
          {
            umockdev_ioctl_client_complete (client, -1, ENODATA);
            return TRUE;
          }
        /* the argument is the pointer the program passed: its struct is one step on */
        data = umockdev_ioctl_data_resolve (arg, 0, sizeof *driver, NULL);
        driver = (struct usbdevfs_getdriver *) data->data;
        g_strlcpy (driver->driver, "usblp", sizeof driver->driver);
        umockdev_ioctl_client_complete (client, 0, 0);
        return TRUE;
      }
    case USBDEVFS_IOCTL:
      {
        g_autoptr (UMockdevIoctlData) data =
          umockdev_ioctl_data_resolve (arg, 0, sizeof (struct usbdevfs_ioctl), NULL);
        struct usbdevfs_ioctl *command = (struct usbdevfs_ioctl *) data->data;

        if (command->ioctl_code == (int) USBDEVFS_DISCONNECT)
          {
            p->usblp_bound = FALSE;
            p->detaches++;
          }
        else if (command->ioctl_code == (int) USBDEVFS_CONNECT)
          {
            p->usblp_bound = TRUE;
            p->attaches++;
          }
        umockdev_ioctl_client_complete (client, 0, 0);
        return TRUE;
      }
    case USBDEVFS_CLEAR_HALT:
      p->clear_halts++;
      umockdev_ioctl_client_complete (client, 0, 0);
      return TRUE;
    case USBDEVFS_CLAIMINTERFACE:
    case USBDEVFS_RELEASEINTERFACE:
    case USBDEVFS_DISCONNECT_CLAIM:
    case USBDEVFS_RESET:
    case USBDEVFS_RESETEP:
      umockdev_ioctl_client_complete (client, 0, 0);
      return TRUE;
    case USBDEVFS_SUBMITURB:
      return handle_submit (p, client, arg);
    case USBDEVFS_REAPURB:
    case USBDEVFS_REAPURBNDELAY:
      {
        g_autoptr (UMockdevIoctlData) urb_data = g_queue_pop_head (&p->ready);
        g_autoptr (UMockdevIoctlData) pointer = NULL;

        if (urb_data == NULL)
          {
            umockdev_ioctl_client_complete (client, -1, EAGAIN);
            return TRUE;
          }
        pointer = umockdev_ioctl_data_resolve (arg, 0, sizeof (gpointer), NULL);
        umockdev_ioctl_data_set_ptr (pointer, 0, urb_data);
        umockdev_ioctl_client_complete (client, 0, 0);
        return TRUE;
      }
    case USBDEVFS_DISCARDURB:
      {
        GList *link = g_list_find_custom (p->hung, *(gpointer *) arg->data, compare_client_addr);

        if (link == NULL)
          {
            umockdev_ioctl_client_complete (client, -1, EINVAL);
            return TRUE;
          }
        complete_urb (p, link->data, -ENOENT, 0);
        umockdev_ioctl_data_unref (link->data);
        p->hung = g_list_delete_link (p->hung, link);
        umockdev_ioctl_client_complete (client, 0, 0);
        return TRUE;
      }
    default:
      return FALSE;
    }
}

static void
printer_reset (Printer *p)
{
  g_mutex_lock (&p->lock);
  g_byte_array_set_size (p->received, 0);
  for (guint i = 0; i < G_N_ELEMENTS (p->replies); i++)
    p->replies[i] = 0x12; /* fixed bits only: all well */
  p->last_eot = 0;
  p->stall_after = p->unplug_after = p->hang_after = NEVER;
  p->stalls = p->clear_halts = p->detaches = p->attaches = 0;
  g_mutex_unlock (&p->lock);
}

static BoOrder *
sell (BoTestFixture *fx)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoSale) sale = bo_sale_new (1);
  g_autoptr (BoShift) shift = bo_shift_open (fx->store, fx->device, fx->cashier, 10000, &error);
  BoOrder *order;

  g_assert_no_error (error);
  g_assert_true (bo_sale_add_tickets (sale, 11, 3, &error));
  g_assert_true (bo_sale_add_tickets (sale, 13, 1, &error));
  bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, 20000, NULL);
  order = bo_sale_commit (sale, fx->store, fx->device, fx->cashier, &error);
  g_assert_no_error (error);
  return order;
}

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  bo_test_fixture_setup (&f->fx, WITH_DEMO);
  g_mutex_init (&f->printer.lock);
  f->printer.received = g_byte_array_new ();
  g_queue_init (&f->printer.ready);
  printer_reset (&f->printer);

  f->testbed = umockdev_testbed_new ();
  f->handler = umockdev_ioctl_base_new ();
  g_signal_connect_after (f->handler, "handle-ioctl", G_CALLBACK (on_handle_ioctl_cb), &f->printer);
  /* the handler first, so that the device answers as soon as it exists */
  g_assert_true (umockdev_testbed_attach_ioctl (f->testbed, DEVNODE, f->handler, &error));
  g_assert_no_error (error);
  g_assert_true (umockdev_testbed_add_from_string (f->testbed, printer_description, &error));
  g_assert_no_error (error);

  f->order = sell (&f->fx);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_clear_object (&f->order);
  g_clear_object (&f->handler);
  g_clear_object (&f->testbed);
  g_list_free_full (f->printer.hung, (GDestroyNotify) umockdev_ioctl_data_unref);
  g_queue_clear_full (&f->printer.ready, (GDestroyNotify) umockdev_ioctl_data_unref);
  g_byte_array_unref (f->printer.received);
  g_mutex_clear (&f->printer.lock);
  bo_test_fixture_teardown (&f->fx, WITH_DEMO);
}

/* @raster_qr: QR codes as images, so that a job is many chunks long */
static BoPrintQueue *
usb_queue (Fixture *f,
           gboolean raster_qr)
{
  g_autoptr (BoPrintConfig) config = bo_print_config_new ();

  g_object_set (config, "print-qr-as-image", raster_qr, NULL);
  bo_print_config_set_ticket_printer (config, "usb:04b8:0202");
  bo_print_config_set_receipt_printer (config, "usb:04b8:0202");
  return bo_print_queue_new (f->fx.store, f->fx.device, config);
}

static gint64
job_of (Fixture    *f,
        const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM print_jobs WHERE kind = '%s'", kind);

  return bo_test_query_int (f->fx.store, sql);
}

/* The bytes the job will send, rendered before it runs (a print changes the next one). */
static GBytes *
expected_bytes (BoPrintQueue *queue,
                gint64        id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoPrintJob) job = bo_print_queue_get_job (queue, id, &error);
  GBytes *bytes;

  g_assert_no_error (error);
  bytes = bo_print_queue_render (queue, job, "usb:04b8:0202", BO_PRINT_FORMAT_ESCPOS, &error);
  g_assert_no_error (error);
  return bytes;
}

static const guint8 status_queries[] = { 0x10, 0x04, 0x02, 0x10, 0x04, 0x04 };

static void
assert_received (Fixture *f,
                 GBytes  *expected,
                 gsize    prefix)
{
  g_autoptr (GByteArray) want = g_byte_array_new ();
  gsize len = MIN (prefix, g_bytes_get_size (expected));

  g_byte_array_append (want, status_queries, sizeof status_queries);
  g_byte_array_append (want, g_bytes_get_data (expected, NULL), (guint) len);
  g_mutex_lock (&f->printer.lock);
  g_assert_cmpmem (f->printer.received->data, f->printer.received->len, want->data, want->len);
  g_mutex_unlock (&f->printer.lock);
}

static void
assert_sale_intact (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOrder) order = bo_order_lookup (f->fx.store, bo_order_get_uuid (f->order), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (bo_order_get_status (order), ==, "paid");
  g_assert_cmpuint (bo_order_get_tickets (order)->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (((BoOrderTicket *) bo_order_get_tickets (order)->pdata[i])->print_count,
                      ==, 0);
}

static void
test_discover (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GPtrArray) printers = bo_printer_discover ();
  gboolean found = FALSE;

  for (guint i = 0; i < printers->len; i++)
    {
      BoPrinterInfo *info = printers->pdata[i];

      if (g_str_equal (info->uri, "usb:04b8:0202"))
        {
          found = TRUE;
          g_assert_cmpint (info->format, ==, BO_PRINT_FORMAT_ESCPOS);
          g_assert_nonnull (strstr (info->description, "04b8:0202"));
        }
    }
  g_assert_true (found);
}

static void
test_sale (Fixture      *f,
           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoPrintQueue) queue = usb_queue (f, FALSE);
  g_autoptr (GBytes) tickets = expected_bytes (queue, job_of (f, "tickets"));
  g_autoptr (GBytes) receipt = expected_bytes (queue, job_of (f, "receipt"));
  guint failed = 0;

  /* usblp holds the printer, as on a real system: taken for the job and given back */
  f->printer.usblp_bound = TRUE;
  g_assert_true (bo_print_queue_run (queue, job_of (f, "tickets"), NULL, NULL, &error));
  g_assert_no_error (error);
  assert_received (f, tickets, NEVER);
  g_assert_cmpuint (f->printer.detaches, ==, 1);
  g_assert_cmpuint (f->printer.attaches, ==, 1);
  g_assert_true (f->printer.usblp_bound);

  /* the receipt, with the drawer kick, over the interface nobody else holds */
  f->printer.usblp_bound = FALSE;
  printer_reset (&f->printer);
  g_assert_cmpuint (bo_print_queue_run_pending (queue, FALSE, &failed, NULL, &error), ==, 1);
  g_assert_cmpuint (failed, ==, 0);
  assert_received (f, receipt, NEVER);
  g_assert_cmpuint (f->printer.detaches, ==, 0);
  g_assert_nonnull (memmem (f->printer.received->data, f->printer.received->len,
                            "\x1bp\x00\x19\xfa", 5));
  g_assert_cmpint (bo_test_query_int (f->fx.store, "SELECT count(*) FROM print_jobs "
                                                   "WHERE state = 'done'"), ==, 2);
}

static void
assert_job_failed (Fixture    *f,
                   BoPrintQueue *queue,
                   const char *kind,
                   const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoPrintJob) job = bo_print_queue_get_job (queue, job_of (f, kind), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (job->state, ==, "failed");
  g_assert_nonnull (strstr (job->last_error, fragment));
  assert_sale_intact (f);
}

static void
test_paper_out (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoPrintQueue) queue = usb_queue (f, FALSE);
  g_autoptr (GBytes) tickets = expected_bytes (queue, job_of (f, "tickets"));

  f->printer.replies[4] = 0x12 | 0x60; /* roll paper end */
  g_assert_false (bo_print_queue_run (queue, job_of (f, "tickets"), NULL, NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_PAPER_OUT);
  assert_received (f, tickets, 0);
  assert_job_failed (f, queue, "tickets", "out of paper");
  g_clear_error (&error);

  /* paper loaded: the retry prints it all */
  printer_reset (&f->printer);
  g_assert_true (bo_print_queue_run (queue, job_of (f, "tickets"), NULL, NULL, &error));
  g_assert_no_error (error);
  assert_received (f, tickets, NEVER);
}

static void
test_cover_open (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoPrintQueue) queue = usb_queue (f, FALSE);
  g_autoptr (GBytes) tickets = expected_bytes (queue, job_of (f, "tickets"));

  f->printer.replies[2] = 0x12 | 0x04;
  g_assert_false (bo_print_queue_run (queue, job_of (f, "tickets"), NULL, NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_COVER_OPEN);
  assert_received (f, tickets, 0);
  assert_job_failed (f, queue, "tickets", "cover");
}

/* Printers that do not answer status requests print all the same. */
static void
test_silent_status (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoPrintQueue) queue = usb_queue (f, FALSE);
  g_autoptr (GBytes) tickets = expected_bytes (queue, job_of (f, "tickets"));

  for (guint i = 0; i < G_N_ELEMENTS (f->printer.replies); i++)
    f->printer.replies[i] = -1;
  g_assert_true (bo_print_queue_run (queue, job_of (f, "tickets"), NULL, NULL, &error));
  g_assert_no_error (error);
  assert_received (f, tickets, NEVER);
}

static void
test_stall (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoPrintQueue) queue = usb_queue (f, TRUE);
  g_autoptr (GBytes) tickets = expected_bytes (queue, job_of (f, "tickets"));

  /* the first chunk goes through, then the endpoint halts for good */
  g_assert_cmpuint (g_bytes_get_size (tickets), >, 4096);
  f->printer.stall_after = sizeof status_queries + 1;
  g_assert_false (bo_print_queue_run (queue, job_of (f, "tickets"), NULL, NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_STALLED);
  g_assert_nonnull (strstr (error->message, "4096 of"));
  g_assert_cmpuint (f->printer.clear_halts, ==, 1);
  g_assert_cmpuint (f->printer.stalls, ==, 2);
  assert_received (f, tickets, 4096);
  assert_job_failed (f, queue, "tickets", "refused");
}

static void
test_unplugged (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoPrintQueue) queue = usb_queue (f, TRUE);
  g_autoptr (GBytes) tickets = expected_bytes (queue, job_of (f, "tickets"));
  g_autoptr (BoPrintJob) job = NULL;

  f->printer.unplug_after = sizeof status_queries + 4096;
  g_assert_false (bo_print_queue_run (queue, job_of (f, "tickets"), NULL, NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_UNPLUGGED);
  g_assert_nonnull (strstr (error->message, "unplugged"));
  g_clear_error (&error);
  assert_received (f, tickets, 4096);
  assert_job_failed (f, queue, "tickets", "unplugged");

  /* gone from the bus: a retry says the printer is not connected, the job waits on */
  umockdev_testbed_remove_device (f->testbed, "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1");
  g_assert_false (bo_print_queue_run (queue, job_of (f, "tickets"), NULL, NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "not connected"));
  job = bo_print_queue_get_job (queue, job_of (f, "tickets"), NULL);
  g_assert_cmpstr (job->state, ==, "failed");
  g_assert_cmpuint (job->attempts, ==, 2);
  assert_sale_intact (f);
}

static void
test_timeout (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoUsbPrinter) printer = bo_usb_printer_new (0x04b8, 0x0202);
  g_autoptr (GBytes) data_bytes = g_bytes_new_static ("\x1b@hello\n", 8);
  gint64 start;

  /* the printer takes the status requests, then no data at all */
  f->printer.hang_after = sizeof status_queries;
  bo_usb_printer_set_timeout (printer, 300);
  start = g_get_monotonic_time ();
  g_assert_false (bo_printer_send (BO_PRINTER (printer), data_bytes, NULL, "job", NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "0 of 8 bytes sent"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_mutex_lock (&f->printer.lock);
  g_assert_cmpuint (f->printer.received->len, ==, sizeof status_queries);
  g_assert_null (f->printer.hung);
  g_mutex_unlock (&f->printer.lock);
}

/* umockdev_in_mock_environment() only says whether a testbed exists yet; what matters here is
 * that the preload library was there from the start. */
static gboolean
preload_loaded (void)
{
  g_autofree char *maps = NULL;

  return g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL)
         && strstr (maps, "libumockdev-preload") != NULL;
}

static const char second_printer[] =
  "P: /devices/pci0000:00/0000:00:14.0/usb1/1-2\n"
  "N: bus/usb/001/006=1201000200000040B804150E00010102030109022000010100C00109040000020701020"
  "00705010240000007058202400000\n"
  "E: DEVNAME=/dev/bus/usb/001/006\n"
  "E: DEVTYPE=usb_device\n"
  "E: SUBSYSTEM=usb\n"
  "E: BUSNUM=001\n"
  "E: DEVNUM=006\n"
  "A: busnum=1\\n\n"
  "A: devnum=6\\n\n"
  "A: speed=12\n"
  "A: bConfigurationValue=1\n"
  "H: descriptors=1201000200000040B804150E00010102030109022000010100C0010904000002070102000705"
  "010240000007058202400000\n";

static void
on_printer_event_cb (BoUsbMonitor *monitor,
                     const char   *uri,
                     GPtrArray    *events)
{
  g_ptr_array_add (events, g_strdup (uri));
}

static gboolean
wait_for (GPtrArray *events,
          guint      count)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (events->len < count && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (10000), TRUE);
  return events->len >= count;
}

/* A printer plugged in while the counter runs is announced, and so is one pulled out. */
static void
test_hotplug (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoUsbMonitor) monitor = bo_usb_monitor_new (&error);
  g_autoptr (GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);

  if (monitor == NULL)
    {
      g_test_skip (error->message);
      return;
    }
  g_signal_connect (monitor, "printer-added", G_CALLBACK (on_printer_event_cb), added);
  g_signal_connect (monitor, "printer-removed", G_CALLBACK (on_printer_event_cb), removed);

  /* the printer already there is not news */
  g_assert_true (umockdev_testbed_add_from_string (f->testbed, second_printer, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (added, 1));
  g_assert_cmpstr (added->pdata[0], ==, "usb:04b8:0e15");

  /* removing a device from the testbed sends no uevent of its own: the kernel's comes first */
  umockdev_testbed_uevent (f->testbed, "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2", "remove");
  umockdev_testbed_remove_device (f->testbed, "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2");
  g_assert_true (wait_for (removed, 1));
  g_assert_cmpstr (removed->pdata[0], ==, "usb:04b8:0e15");
  g_assert_cmpuint (added->len, ==, 1);
}

/* The kernel's usblp character device, emulated by umockdev as a raw terminal pair. */
static const char usblp_description[] =
  "P: /devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/usbmisc/lp0\n"
  "N: usb/lp0\n"
  "E: DEVNAME=/dev/usb/lp0\n"
  "E: SUBSYSTEM=usbmisc\n"
  "E: MAJOR=180\n"
  "E: MINOR=0\n";

typedef struct {
  int         fd;          /* the printer's side of /dev/usb/lp0 */
  GByteArray *received;
  gsize       want;        /* stop after this many bytes */
  gboolean    hang_up;     /* then close the printer's side: the printer goes away */
} LpReader;

static gpointer
lp_reader_thread (gpointer data)
{
  LpReader *reader = data;
  guint8 buffer[4096];

  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (reader->received->len < reader->want && g_get_monotonic_time () < deadline)
    {
      struct pollfd pfd = { .fd = reader->fd, .events = POLLIN };
      gssize n = -1;

      /* Until the program opens the device, the terminal's other side reads as hung up. */
      if (poll (&pfd, 1, 100) > 0 && (pfd.revents & POLLIN))
        n = read (reader->fd, buffer, MIN (sizeof buffer, reader->want - reader->received->len));
      if (n <= 0)
        {
          g_usleep (1000);
          continue;
        }
      g_byte_array_append (reader->received, buffer, (guint) n);
      deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
    }
  /* The printer's side closes; the descriptor number stays valid (umockdev closes it). */
  if (reader->hang_up)
    {
      int null = open ("/dev/null", O_RDONLY | O_CLOEXEC);

      g_assert_cmpint (dup2 (null, reader->fd), ==, reader->fd);
      close (null);
    }
  return NULL;
}

static void
test_usblp (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoPrintConfig) config = bo_print_config_new ();
  g_autoptr (BoPrintQueue) queue = NULL;
  g_autoptr (GBytes) tickets = NULL;
  g_autoptr (BoLpPrinter) printer = NULL;
  g_autoptr (BoLpPrinter) missing = bo_lp_printer_new ("/dev/usb/lp1");
  g_autoptr (GBytes) big = g_bytes_new_take (g_malloc0 (1 << 20), 1 << 20);
  LpReader reader = { -1, g_byte_array_new (), 0, FALSE };
  GThread *thread;

  g_assert_true (umockdev_testbed_add_from_string (f->testbed, usblp_description, &error));
  g_assert_no_error (error);
  reader.fd = umockdev_testbed_get_dev_fd (f->testbed, "/dev/usb/lp0");
  g_assert_cmpint (reader.fd, >=, 0);

  /* a sale's tickets through lp:/dev/usb/lp0, byte for byte */
  bo_print_config_set_ticket_printer (config, "lp:/dev/usb/lp0");
  g_object_set (config, "print-qr-as-image", TRUE, NULL);
  queue = bo_print_queue_new (f->fx.store, f->fx.device, config);
  tickets = expected_bytes (queue, job_of (f, "tickets"));
  reader.want = g_bytes_get_size (tickets);
  thread = g_thread_new ("lp-reader", lp_reader_thread, &reader);
  bo_print_queue_run (queue, job_of (f, "tickets"), NULL, NULL, &error);
  g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_cmpmem (reader.received->data, reader.received->len,
                   g_bytes_get_data (tickets, NULL), g_bytes_get_size (tickets));

  /* a printer that takes no more data: a timeout with how far the job got */
  printer = bo_lp_printer_new ("/dev/usb/lp0");
  bo_lp_printer_set_timeout (printer, 300);
  g_assert_false (bo_printer_send (BO_PRINTER (printer), big, NULL, "big", NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "of 1048576 bytes sent"));
  g_clear_error (&error);

  /* no such device */
  g_assert_false (bo_printer_send (BO_PRINTER (missing), big, NULL, "big", NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the printer goes away in the middle of a job */
  g_byte_array_set_size (reader.received, 0);
  reader.want = G_MAXSIZE;
  reader.hang_up = TRUE;
  {
    /* what the timeout left in the line first */
    guint8 drain[4096];
    struct pollfd pfd = { .fd = reader.fd, .events = POLLIN };

    while (poll (&pfd, 1, 0) > 0 && read (reader.fd, drain, sizeof drain) > 0)
      ;
  }
  reader.want = 65536;
  thread = g_thread_new ("lp-reader", lp_reader_thread, &reader);
  g_assert_false (bo_printer_send (BO_PRINTER (printer), big, NULL, "big", NULL, &error));
  g_assert_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_UNPLUGGED);
  g_thread_join (thread);
  g_byte_array_unref (reader.received);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (!preload_loaded ())
    {
      gboolean tap = FALSE;

      for (int i = 1; i < argc; i++)
        tap |= g_str_equal (argv[i], "--tap");
      /* TAP harnesses read the plan; others the automake skip status */
      printf ("1..0 # SKIP needs umockdev-wrapper (libumockdev-preload)\n");
      return tap ? 0 : 77;
    }
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/bo/print-usb/discover", test_discover);
  ADD ("/bo/print-usb/sale", test_sale);
  ADD ("/bo/print-usb/paper-out", test_paper_out);
  ADD ("/bo/print-usb/cover-open", test_cover_open);
  ADD ("/bo/print-usb/silent-status", test_silent_status);
  ADD ("/bo/print-usb/stall", test_stall);
  ADD ("/bo/print-usb/unplugged", test_unplugged);
  ADD ("/bo/print-usb/timeout", test_timeout);
  ADD ("/bo/print-usb/hotplug", test_hotplug);
  ADD ("/bo/print-usb/usblp", test_usblp);
#undef ADD

  return g_test_run ();
}
