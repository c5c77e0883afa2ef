/* bo-usb-printer.c — "usb:VID:PID": an ESC/POS receipt printer on USB, through libusb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-usb-printer.h"
#include "print/bo-usb-private.h"

#include <glib/gi18n-lib.h>
#include <libusb.h>
#include <string.h>

#define DEFAULT_TIMEOUT_MS 5000
#define STATUS_TIMEOUT_MS  500
#define CHUNK_SIZE         4096

struct _BoUsbPrinter
{
  GObject   parent_instance;

  guint16   vendor;
  guint16   product;
  char     *uri;
  guint     timeout_ms;
  gboolean  query_status;
};

/* What one job holds while it runs. */
typedef struct {
  libusb_context       *ctx;
  libusb_device_handle *handle;
  int                   interface;
  guint8                ep_out;
  guint8                ep_in;   /* 0: none */
  gboolean              claimed;
  gboolean              detached;
} Session;

static void bo_usb_printer_iface_init (BoPrinterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BoUsbPrinter, bo_usb_printer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BO_TYPE_PRINTER, bo_usb_printer_iface_init))

/* The printer interface of @dev: class 7 first, else any interface with a bulk OUT endpoint
 * (some receipt printers are vendor-specific). FALSE when it has none. */
static gboolean
find_interface (libusb_device *dev,
                gboolean       printer_class_only,
                int           *out_interface,
                guint8        *out_ep_out,
                guint8        *out_ep_in)
{
  struct libusb_config_descriptor *config = NULL;
  gboolean found = FALSE;

  if (libusb_get_active_config_descriptor (dev, &config) != LIBUSB_SUCCESS
      && libusb_get_config_descriptor (dev, 0, &config) != LIBUSB_SUCCESS)
    return FALSE;

  for (int pass = 0; pass < 2 && !found; pass++)
    {
      if (pass == 1 && printer_class_only)
        break;
      for (int i = 0; i < config->bNumInterfaces && !found; i++)
        {
          const struct libusb_interface_descriptor *alt;
          guint8 ep_out = 0, ep_in = 0;

          if (config->interface[i].num_altsetting < 1)
            continue;
          alt = &config->interface[i].altsetting[0];
          if (pass == 0 && alt->bInterfaceClass != LIBUSB_CLASS_PRINTER)
            continue;
          for (int e = 0; e < alt->bNumEndpoints; e++)
            {
              const struct libusb_endpoint_descriptor *ep = &alt->endpoint[e];

              if ((ep->bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK)
                continue;
              if ((ep->bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN)
                ep_in = ep_in != 0 ? ep_in : ep->bEndpointAddress;
              else
                ep_out = ep_out != 0 ? ep_out : ep->bEndpointAddress;
            }
          if (ep_out != 0)
            {
              *out_interface = alt->bInterfaceNumber;
              *out_ep_out = ep_out;
              *out_ep_in = ep_in;
              found = TRUE;
            }
        }
    }
  libusb_free_config_descriptor (config);
  return found;
}

static gboolean
set_usb_error (BoUsbPrinter *self,
               int           rc,
               const char   *what,
               GError      **error)
{
  switch (rc)
    {
    case LIBUSB_ERROR_NO_DEVICE:
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_UNPLUGGED,
                   _("The USB printer %s was unplugged (%s)"), self->uri, what);
      break;
    case LIBUSB_ERROR_ACCESS:
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED,
                   _("Not allowed to use the USB printer %s (a udev rule must give this user "
                     "access)"), self->uri);
      break;
    case LIBUSB_ERROR_BUSY:
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_BUSY,
                   _("Another program is using the USB printer %s"), self->uri);
      break;
    case LIBUSB_ERROR_TIMEOUT:
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_TIMEOUT,
                   _("The USB printer %s did not answer (%s)"), self->uri, what);
      break;
    case LIBUSB_ERROR_PIPE:
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_STALLED,
                   _("The USB printer %s refused the data (%s)"), self->uri, what);
      break;
    default:
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED,
                   _("The USB printer %s failed (%s: %s)"), self->uri, what,
                   libusb_strerror ((enum libusb_error) rc));
      break;
    }
  return FALSE;
}

static void
session_close (Session *s)
{
  if (s->handle != NULL)
    {
      if (s->claimed)
        libusb_release_interface (s->handle, s->interface);
      /* Give the printer back to usblp, so that lp:/dev/usb/lp0 works again. */
      if (s->detached)
        libusb_attach_kernel_driver (s->handle, s->interface);
      libusb_close (s->handle);
    }
  if (s->ctx != NULL)
    libusb_exit (s->ctx);
  memset (s, 0, sizeof *s);
}

static gboolean
session_open (BoUsbPrinter *self,
              Session      *s,
              GError      **error)
{
  libusb_device **list = NULL;
  libusb_device *found = NULL;
  ssize_t n;
  int rc;

  rc = libusb_init (&s->ctx);
  if (rc != LIBUSB_SUCCESS)
    {
      s->ctx = NULL;
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_NOT_FOUND,
                   _("USB is not available: %s"), libusb_strerror ((enum libusb_error) rc));
      return FALSE;
    }

  n = libusb_get_device_list (s->ctx, &list);
  for (ssize_t i = 0; i < n && found == NULL; i++)
    {
      struct libusb_device_descriptor desc;

      if (libusb_get_device_descriptor (list[i], &desc) != LIBUSB_SUCCESS)
        continue;
      if (self->vendor != 0 ? desc.idVendor != self->vendor || desc.idProduct != self->product
                            : FALSE)
        continue;
      if (find_interface (list[i], self->vendor == 0, &s->interface, &s->ep_out, &s->ep_in))
        found = libusb_ref_device (list[i]);
    }
  if (list != NULL)
    libusb_free_device_list (list, 1);
  if (found == NULL)
    {
      if (self->vendor != 0)
        g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_NOT_FOUND,
                     _("The USB printer %04x:%04x is not connected"), self->vendor, self->product);
      else
        g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_NOT_FOUND,
                     _("No USB printer is connected"));
      return FALSE;
    }

  rc = libusb_open (found, &s->handle);
  libusb_unref_device (found);
  if (rc != LIBUSB_SUCCESS)
    {
      s->handle = NULL;
      return set_usb_error (self, rc, "open", error);
    }
  /* Not libusb_set_auto_detach_kernel_driver(): it is all or nothing, and it makes claiming
   * fail where the kernel side is emulated. */
  if (libusb_kernel_driver_active (s->handle, s->interface) == 1)
    {
      rc = libusb_detach_kernel_driver (s->handle, s->interface);
      if (rc != LIBUSB_SUCCESS && rc != LIBUSB_ERROR_NOT_FOUND)
        return set_usb_error (self, rc, "detach usblp", error);
      s->detached = rc == LIBUSB_SUCCESS;
    }
  rc = libusb_claim_interface (s->handle, s->interface);
  if (rc != LIBUSB_SUCCESS)
    return set_usb_error (self, rc, "claim", error);
  s->claimed = TRUE;
  return TRUE;
}

/* Real-time status (DLE EOT n): one byte back, bits 1 and 4 set and 0 and 7 clear when it is a
 * status byte. Returns -1 when the printer does not answer, which many do not over USB. */
static int
query_status_byte (Session *s,
                   guint8   n)
{
  guint8 request[3] = { 0x10, 0x04, n };
  guint8 reply[64];
  int transferred = 0;

  if (libusb_bulk_transfer (s->handle, s->ep_out, request, sizeof request, &transferred,
                            STATUS_TIMEOUT_MS) != LIBUSB_SUCCESS
      || transferred != sizeof request)
    return -1;
  if (libusb_bulk_transfer (s->handle, s->ep_in, reply, sizeof reply, &transferred,
                            STATUS_TIMEOUT_MS) != LIBUSB_SUCCESS
      || transferred < 1)
    return -1;
  if ((reply[transferred - 1] & 0x93) != 0x12)
    return -1;
  return reply[transferred - 1];
}

static gboolean
check_status (BoUsbPrinter *self,
              Session      *s,
              GError      **error)
{
  int offline = query_status_byte (s, 2);
  int paper = query_status_byte (s, 4);

  if (offline >= 0 && (offline & 0x04) != 0)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_COVER_OPEN,
                   _("The cover of the printer %s is open"), self->uri);
      return FALSE;
    }
  if ((paper >= 0 && (paper & 0x60) == 0x60) || (offline >= 0 && (offline & 0x20) != 0))
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_PAPER_OUT,
                   _("The printer %s is out of paper"), self->uri);
      return FALSE;
    }
  return TRUE;
}

static gboolean
send_data (BoUsbPrinter *self,
           Session      *s,
           GBytes       *data,
           GCancellable *cancellable,
           GError      **error)
{
  gsize total;
  const guint8 *bytes = g_bytes_get_data (data, &total);
  gsize done = 0;
  gboolean cleared = FALSE;

  while (done < total)
    {
      int chunk = (int) MIN (total - done, CHUNK_SIZE);
      int transferred = 0;
      int rc;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      rc = libusb_bulk_transfer (s->handle, s->ep_out, (guint8 *) bytes + done, chunk,
                                 &transferred, self->timeout_ms);
      done += (gsize) MAX (transferred, 0);
      if (rc == LIBUSB_SUCCESS || (rc == LIBUSB_ERROR_TIMEOUT && transferred > 0))
        continue;
      /* A halted endpoint is cleared once; a printer that halts it again means it. */
      if (rc == LIBUSB_ERROR_PIPE && !cleared
          && libusb_clear_halt (s->handle, s->ep_out) == LIBUSB_SUCCESS)
        {
          cleared = TRUE;
          continue;
        }
      {
        g_autofree char *what = g_strdup_printf (_("%zu of %zu bytes sent"), done, total);

        return set_usb_error (self, rc, what, error);
      }
    }
  return TRUE;
}

static const char *
bo_usb_printer_get_uri (BoPrinter *printer)
{
  return BO_USB_PRINTER (printer)->uri;
}

static BoPrintFormat
bo_usb_printer_get_default_format (BoPrinter *printer)
{
  return BO_PRINT_FORMAT_ESCPOS;
}

static gboolean
bo_usb_printer_send (BoPrinter    *printer,
                     GBytes       *data,
                     const char   *title,
                     const char   *job_name,
                     GCancellable *cancellable,
                     GError      **error)
{
  BoUsbPrinter *self = BO_USB_PRINTER (printer);
  Session s = { NULL, };
  gboolean ok;

  ok = session_open (self, &s, error)
       && (!self->query_status || s.ep_in == 0 || check_status (self, &s, error))
       && send_data (self, &s, data, cancellable, error);
  session_close (&s);
  return ok;
}

static void
bo_usb_printer_iface_init (BoPrinterInterface *iface)
{
  iface->get_uri = bo_usb_printer_get_uri;
  iface->get_default_format = bo_usb_printer_get_default_format;
  iface->send = bo_usb_printer_send;
}

static void
bo_usb_printer_finalize (GObject *object)
{
  BoUsbPrinter *self = BO_USB_PRINTER (object);

  g_free (self->uri);
  G_OBJECT_CLASS (bo_usb_printer_parent_class)->finalize (object);
}

static void
bo_usb_printer_class_init (BoUsbPrinterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_usb_printer_finalize;
}

static void
bo_usb_printer_init (BoUsbPrinter *self)
{
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  self->query_status = TRUE;
}

BoUsbPrinter *
bo_usb_printer_new (guint16 vendor,
                    guint16 product)
{
  BoUsbPrinter *self = g_object_new (BO_TYPE_USB_PRINTER, NULL);

  self->vendor = vendor;
  self->product = product;
  self->uri = vendor != 0 ? g_strdup_printf ("usb:%04x:%04x", vendor, product)
                          : g_strdup ("usb:");
  return self;
}

void
bo_usb_printer_set_timeout (BoUsbPrinter *self,
                            guint         timeout_ms)
{
  g_return_if_fail (BO_IS_USB_PRINTER (self));
  self->timeout_ms = MAX (timeout_ms, 1);
}

void
bo_usb_printer_set_query_status (BoUsbPrinter *self,
                                 gboolean      query)
{
  g_return_if_fail (BO_IS_USB_PRINTER (self));
  self->query_status = query;
}

char *
bo_usb_printer_uri_of_device (libusb_device *dev)
{
  struct libusb_device_descriptor desc;
  int interface;
  guint8 ep_out, ep_in;

  if (libusb_get_device_descriptor (dev, &desc) != LIBUSB_SUCCESS
      || !find_interface (dev, TRUE, &interface, &ep_out, &ep_in))
    return NULL;
  return g_strdup_printf ("usb:%04x:%04x", desc.idVendor, desc.idProduct);
}

void
bo_usb_printer_discover (GPtrArray *printers)
{
  libusb_context *ctx = NULL;
  libusb_device **list = NULL;
  ssize_t n;

  if (libusb_init (&ctx) != LIBUSB_SUCCESS)
    return;
  n = libusb_get_device_list (ctx, &list);
  for (ssize_t i = 0; i < n; i++)
    {
      char *uri = bo_usb_printer_uri_of_device (list[i]);
      BoPrinterInfo *info;

      if (uri == NULL)
        continue;
      info = g_new0 (BoPrinterInfo, 1);
      info->uri = uri;
      info->description = g_strdup_printf (_("USB printer %s on bus %u, device %u"), uri + 4,
                                           libusb_get_bus_number (list[i]),
                                           libusb_get_device_address (list[i]));
      info->format = BO_PRINT_FORMAT_ESCPOS;
      g_ptr_array_add (printers, info);
    }
  if (list != NULL)
    libusb_free_device_list (list, 1);
  libusb_exit (ctx);
}
