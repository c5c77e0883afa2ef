/* bo-lp-printer.c — "lp:PATH": a printer device file such as the kernel's usblp /dev/usb/lp0
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-lp-printer.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <linux/lp.h>
#include <pthread.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define DEFAULT_TIMEOUT_MS 10000

struct _BoLpPrinter
{
  GObject  parent_instance;

  char    *path;
  char    *uri;
  guint    timeout_ms;
};

static void bo_lp_printer_iface_init (BoPrinterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BoLpPrinter, bo_lp_printer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BO_TYPE_PRINTER, bo_lp_printer_iface_init))

static const char *
bo_lp_printer_get_uri (BoPrinter *printer)
{
  return BO_LP_PRINTER (printer)->uri;
}

static BoPrintFormat
bo_lp_printer_get_default_format (BoPrinter *printer)
{
  return BO_PRINT_FORMAT_ESCPOS;
}

static gboolean
open_error (BoLpPrinter *self,
            int          saved_errno,
            GError     **error)
{
  switch (saved_errno)
    {
    case ENOENT:
    case ENODEV:
    case ENXIO:
      /* usblp's node goes away with the printer; a FIFO without a reader says ENXIO. */
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_NOT_FOUND,
                   _("There is no printer at %s (is it plugged in and switched on?)"), self->path);
      break;
    case EBUSY:
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_BUSY,
                   _("Another program is using the printer at %s"), self->path);
      break;
    case EACCES:
    case EPERM:
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED,
                   _("Not allowed to use the printer at %s (is this user in the “lp” group?)"),
                   self->path);
      break;
    default:
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED,
                   _("Cannot open the printer at %s: %s"), self->path, g_strerror (saved_errno));
      break;
    }
  return FALSE;
}

static gboolean
write_error (BoLpPrinter *self,
             int          saved_errno,
             gsize        done,
             gsize        total,
             GError     **error)
{
  switch (saved_errno)
    {
    case ENOSPC:
      /* usblp's answer when the printer reports paper out */
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_PAPER_OUT,
                   _("The printer at %s is out of paper (%zu of %zu bytes sent)"),
                   self->path, done, total);
      break;
    case ENODEV:
    case EIO:
    case EPIPE:
    case ENXIO:
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_UNPLUGGED,
                   _("The printer at %s went away during the job (%zu of %zu bytes sent)"),
                   self->path, done, total);
      break;
    default:
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED,
                   _("Cannot write to the printer at %s: %s"), self->path,
                   g_strerror (saved_errno));
      break;
    }
  return FALSE;
}

/* A pipe or FIFO whose reader went away raises SIGPIPE, which would end the whole program:
 * it is blocked in this thread while writing and any pending one is taken back afterwards,
 * so that the write just fails with EPIPE. */
static void
block_sigpipe (sigset_t *old)
{
  sigset_t set;

  sigemptyset (&set);
  sigaddset (&set, SIGPIPE);
  pthread_sigmask (SIG_BLOCK, &set, old);
}

static void
restore_sigpipe (const sigset_t *old,
                 gboolean        raised)
{
  if (raised)
    {
      sigset_t set, pending;
      struct timespec zero = { 0, 0 };

      sigemptyset (&set);
      sigaddset (&set, SIGPIPE);
      sigpending (&pending);
      if (sigismember (&pending, SIGPIPE))
        sigtimedwait (&set, NULL, &zero);
    }
  pthread_sigmask (SIG_SETMASK, old, NULL);
}

static gboolean
bo_lp_printer_send (BoPrinter    *printer,
                    GBytes       *data,
                    const char   *title,
                    const char   *job_name,
                    GCancellable *cancellable,
                    GError      **error)
{
  BoLpPrinter *self = BO_LP_PRINTER (printer);
  gsize total;
  const guint8 *bytes = g_bytes_get_data (data, &total);
  gsize done = 0;
  gboolean ok = FALSE;
  gboolean broken_pipe = FALSE;
  sigset_t old_mask;
  int status = 0;
  int fd;

  fd = g_open (self->path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return open_error (self, errno, error);

  /* Drivers that do not know the status answer ENOTTY or EINVAL: then just print. */
  if (ioctl (fd, LPGETSTATUS, &status) == 0 && (status & LP_POUTPA) != 0)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_PAPER_OUT,
                   _("The printer at %s is out of paper"), self->path);
      goto out;
    }

  block_sigpipe (&old_mask);
  while (done < total)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out_unblock;
      n = write (fd, bytes + done, total - done);
      if (n > 0)
        {
          done += (gsize) n;
          continue;
        }
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        {
          struct pollfd pfd = { .fd = fd, .events = POLLOUT };
          int ready;

          do
            ready = poll (&pfd, 1, (int) self->timeout_ms);
          while (ready < 0 && errno == EINTR);
          if (ready == 0)
            {
              g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_TIMEOUT,
                           _("The printer at %s took no data for %u seconds (%zu of %zu bytes "
                             "sent; out of paper or offline?)"),
                           self->path, (self->timeout_ms + 999) / 1000, done, total);
              goto out_unblock;
            }
          if (ready < 0)
            {
              write_error (self, errno, done, total, error);
              goto out_unblock;
            }
          if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL) && !(pfd.revents & POLLOUT))
            {
              write_error (self, ENODEV, done, total, error);
              goto out_unblock;
            }
          continue;
        }
      broken_pipe = n < 0 && errno == EPIPE;
      write_error (self, n < 0 ? errno : EIO, done, total, error);
      goto out_unblock;
    }
  ok = TRUE;

out_unblock:
  restore_sigpipe (&old_mask, broken_pipe);
out:
  if (close (fd) != 0 && ok)
    return write_error (self, errno, done, total, error);
  return ok;
}

static void
bo_lp_printer_iface_init (BoPrinterInterface *iface)
{
  iface->get_uri = bo_lp_printer_get_uri;
  iface->get_default_format = bo_lp_printer_get_default_format;
  iface->send = bo_lp_printer_send;
}

static void
bo_lp_printer_finalize (GObject *object)
{
  BoLpPrinter *self = BO_LP_PRINTER (object);

  g_free (self->path);
  g_free (self->uri);
  G_OBJECT_CLASS (bo_lp_printer_parent_class)->finalize (object);
}

static void
bo_lp_printer_class_init (BoLpPrinterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_lp_printer_finalize;
}

static void
bo_lp_printer_init (BoLpPrinter *self)
{
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
}

BoLpPrinter *
bo_lp_printer_new (const char *path)
{
  BoLpPrinter *self;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);

  self = g_object_new (BO_TYPE_LP_PRINTER, NULL);
  self->path = g_strdup (path);
  self->uri = g_strconcat ("lp:", path, NULL);
  return self;
}

void
bo_lp_printer_set_timeout (BoLpPrinter *self,
                           guint        timeout_ms)
{
  g_return_if_fail (BO_IS_LP_PRINTER (self));
  self->timeout_ms = MAX (timeout_ms, 1);
}

void
bo_lp_printer_discover (GPtrArray *printers)
{
  g_autoptr (GDir) dir = g_dir_open ("/dev/usb", 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      BoPrinterInfo *info;

      if (!g_str_has_prefix (name, "lp"))
        continue;
      info = g_new0 (BoPrinterInfo, 1);
      info->uri = g_strconcat ("lp:/dev/usb/", name, NULL);
      info->description = g_strdup_printf (_("Printer device file /dev/usb/%s"), name);
      info->format = BO_PRINT_FORMAT_ESCPOS;
      g_ptr_array_add (printers, info);
    }
}
