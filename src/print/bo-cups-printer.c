/* bo-cups-printer.c — "cups:QUEUE": a PDF to a CUPS queue, followed until it is printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-cups-printer.h"

#include <cups/cups.h>
#include <glib/gi18n-lib.h>

#define DEFAULT_TIMEOUT_S 120
#define WRITE_CHUNK       65536

struct _BoCupsPrinter
{
  GObject  parent_instance;

  char    *queue;
  char    *uri;
  guint    timeout_s;
  int      last_job_id;
};

typedef struct {
  int       state;     /* ipp_pstate_t */
  gboolean  accepting;
  char     *message;
} PrinterState;

static void bo_cups_printer_iface_init (BoPrinterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BoCupsPrinter, bo_cups_printer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BO_TYPE_PRINTER, bo_cups_printer_iface_init))

static void
add_request_user (ipp_t *request)
{
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL,
                cupsUser ());
}

static char *
string_attribute (ipp_t      *response,
                  const char *name)
{
  ipp_attribute_t *attr = ippFindAttribute (response, name, IPP_TAG_ZERO);
  const char *value = attr != NULL ? ippGetString (attr, 0, NULL) : NULL;

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

static gboolean
get_printer_state (BoCupsPrinter *self,
                   http_t        *http,
                   PrinterState  *out,
                   GError       **error)
{
  static const char * const wanted[] = {
    "printer-state", "printer-state-message", "printer-is-accepting-jobs",
  };
  char uri[HTTP_MAX_URI];
  ipp_t *request = ippNewRequest (IPP_OP_GET_PRINTER_ATTRIBUTES);
  ipp_t *response;
  ipp_attribute_t *attr;

  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", 0,
                    "/printers/%s", self->queue);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  add_request_user (request);
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, wanted);
  response = cupsDoRequest (http, request, "/");
  if (response == NULL || ippGetStatusCode (response) > IPP_STATUS_OK_CONFLICTING)
    {
      if (cupsLastError () == IPP_STATUS_ERROR_NOT_FOUND)
        g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_NOT_FOUND,
                     _("There is no print queue “%s”"), self->queue);
      else
        g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_CUPS,
                     _("Cannot ask CUPS about the queue “%s”: %s"), self->queue,
                     cupsLastErrorString ());
      ippDelete (response);
      return FALSE;
    }
  attr = ippFindAttribute (response, "printer-state", IPP_TAG_ENUM);
  out->state = attr != NULL ? ippGetInteger (attr, 0) : IPP_PSTATE_IDLE;
  attr = ippFindAttribute (response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
  out->accepting = attr == NULL || ippGetBoolean (attr, 0);
  out->message = string_attribute (response, "printer-state-message");
  ippDelete (response);
  return TRUE;
}

static gboolean
queue_stopped_error (BoCupsPrinter *self,
                     PrinterState  *state,
                     GError       **error)
{
  if (state->message != NULL)
    g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_CUPS,
                 _("The print queue “%s” is stopped: %s"), self->queue, state->message);
  else
    g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_CUPS,
                 _("The print queue “%s” is stopped"), self->queue);
  return FALSE;
}

/* Asks for the job's state; -1 with @error when CUPS cannot say. */
static int
get_job_state (BoCupsPrinter *self,
               http_t        *http,
               int            job_id,
               char         **out_message,
               GError       **error)
{
  static const char * const wanted[] = { "job-state", "job-state-message", "job-state-reasons" };
  char uri[HTTP_MAX_URI];
  ipp_t *request = ippNewRequest (IPP_OP_GET_JOB_ATTRIBUTES);
  ipp_t *response;
  ipp_attribute_t *attr;
  int state;

  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", 0,
                    "/jobs/%d", job_id);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
  add_request_user (request);
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, wanted);
  response = cupsDoRequest (http, request, "/");
  if (response == NULL || ippGetStatusCode (response) > IPP_STATUS_OK_CONFLICTING
      || (attr = ippFindAttribute (response, "job-state", IPP_TAG_ENUM)) == NULL)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_CUPS,
                   _("Lost track of CUPS job %d on “%s”: %s"), job_id, self->queue,
                   cupsLastErrorString ());
      ippDelete (response);
      return -1;
    }
  state = ippGetInteger (attr, 0);
  *out_message = string_attribute (response, "job-state-message");
  if (*out_message == NULL)
    *out_message = string_attribute (response, "job-state-reasons");
  ippDelete (response);
  return state;
}

/* Waits until the job is completed; on any other end the job is cancelled in CUPS. */
static gboolean
follow_job (BoCupsPrinter *self,
            http_t        *http,
            int            job_id,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) self->timeout_s * G_USEC_PER_SEC;
  gulong pause = 50000;

  for (;;)
    {
      g_autofree char *message = NULL;
      int state = get_job_state (self, http, job_id, &message, error);

      if (state < 0)
        return FALSE;
      if (state == IPP_JSTATE_COMPLETED)
        return TRUE;
      if (state == IPP_JSTATE_CANCELED || state == IPP_JSTATE_ABORTED)
        {
          g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_CUPS,
                       state == IPP_JSTATE_ABORTED ? _("CUPS aborted job %d on “%s”: %s")
                                                   : _("Job %d on “%s” was cancelled: %s"),
                       job_id, self->queue, message != NULL ? message : "-");
          return FALSE;
        }
      if (state == IPP_JSTATE_STOPPED)
        {
          g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_CUPS,
                       _("Job %d on “%s” stopped: %s"), job_id, self->queue,
                       message != NULL ? message : "-");
          goto cancel;
        }
      if (state == IPP_JSTATE_PENDING || state == IPP_JSTATE_HELD)
        {
          PrinterState printer = { 0, };
          gboolean stopped;

          if (!get_printer_state (self, http, &printer, error))
            goto cancel;
          stopped = printer.state == IPP_PSTATE_STOPPED;
          if (stopped)
            queue_stopped_error (self, &printer, error);
          g_free (printer.message);
          if (stopped)
            goto cancel;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_TIMEOUT,
                       _("Job %d on “%s” did not print within %u seconds"), job_id, self->queue,
                       self->timeout_s);
          goto cancel;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto cancel;
      g_usleep (pause);
      pause = MIN (pause * 2, 500000);
    }

cancel:
  cupsCancelJob2 (http, self->queue, job_id, 0);
  return FALSE;
}

static const char *
bo_cups_printer_get_uri (BoPrinter *printer)
{
  return BO_CUPS_PRINTER (printer)->uri;
}

static BoPrintFormat
bo_cups_printer_get_default_format (BoPrinter *printer)
{
  return BO_PRINT_FORMAT_PDF;
}

static gboolean
bo_cups_printer_send (BoPrinter    *printer,
                      GBytes       *data,
                      const char   *title,
                      const char   *job_name,
                      GCancellable *cancellable,
                      GError      **error)
{
  BoCupsPrinter *self = BO_CUPS_PRINTER (printer);
  PrinterState state = { 0, };
  gsize total;
  const char *bytes = g_bytes_get_data (data, &total);
  http_t *http;
  int job_id = 0;
  gboolean ok = FALSE;

  http = httpConnect2 (cupsServer (), ippPort (), NULL, AF_UNSPEC, cupsEncryption (), 1, 30000,
                       NULL);
  if (http == NULL)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_CUPS,
                   _("Cannot reach the print server %s: %s"), cupsServer (),
                   cupsLastErrorString ());
      return FALSE;
    }

  if (!get_printer_state (self, http, &state, error))
    goto out;
  if (state.state == IPP_PSTATE_STOPPED)
    {
      queue_stopped_error (self, &state, error);
      goto out;
    }
  if (!state.accepting)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_CUPS,
                   _("The print queue “%s” is not accepting jobs"), self->queue);
      goto out;
    }

  job_id = cupsCreateJob (http, self->queue, title != NULL ? title : job_name, 0, NULL);
  if (job_id <= 0)
    {
      g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_CUPS,
                   _("CUPS refused the job on “%s”: %s"), self->queue, cupsLastErrorString ());
      goto out;
    }
  self->last_job_id = job_id;
  if (cupsStartDocument (http, self->queue, job_id, job_name, CUPS_FORMAT_PDF, 1)
      != HTTP_STATUS_CONTINUE)
    goto send_failed;
  for (gsize done = 0; done < total; done += WRITE_CHUNK)
    if (cupsWriteRequestData (http, bytes + done, MIN (WRITE_CHUNK, total - done))
        != HTTP_STATUS_CONTINUE)
      goto send_failed;
  if (cupsFinishDocument (http, self->queue) > IPP_STATUS_OK_CONFLICTING)
    goto send_failed;

  ok = follow_job (self, http, job_id, cancellable, error);
  goto out;

send_failed:
  g_set_error (error, BO_PRINT_ERROR, BO_PRINT_ERROR_CUPS,
               _("Sending job %d to “%s” failed: %s"), job_id, self->queue,
               cupsLastErrorString ());
  cupsCancelJob2 (http, self->queue, job_id, 0);

out:
  g_free (state.message);
  httpClose (http);
  return ok;
}

static void
bo_cups_printer_iface_init (BoPrinterInterface *iface)
{
  iface->get_uri = bo_cups_printer_get_uri;
  iface->get_default_format = bo_cups_printer_get_default_format;
  iface->send = bo_cups_printer_send;
}

static void
bo_cups_printer_finalize (GObject *object)
{
  BoCupsPrinter *self = BO_CUPS_PRINTER (object);

  g_free (self->queue);
  g_free (self->uri);
  G_OBJECT_CLASS (bo_cups_printer_parent_class)->finalize (object);
}

static void
bo_cups_printer_class_init (BoCupsPrinterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_cups_printer_finalize;
}

static void
bo_cups_printer_init (BoCupsPrinter *self)
{
  self->timeout_s = DEFAULT_TIMEOUT_S;
}

BoCupsPrinter *
bo_cups_printer_new (const char *queue)
{
  BoCupsPrinter *self;

  g_return_val_if_fail (queue != NULL && *queue != '\0', NULL);

  self = g_object_new (BO_TYPE_CUPS_PRINTER, NULL);
  self->queue = g_strdup (queue);
  self->uri = g_strconcat ("cups:", queue, NULL);
  return self;
}

void
bo_cups_printer_set_timeout (BoCupsPrinter *self,
                             guint          seconds)
{
  g_return_if_fail (BO_IS_CUPS_PRINTER (self));
  self->timeout_s = MAX (seconds, 1);
}

int
bo_cups_printer_get_last_job_id (BoCupsPrinter *self)
{
  g_return_val_if_fail (BO_IS_CUPS_PRINTER (self), 0);
  return self->last_job_id;
}

void
bo_cups_printer_discover (GPtrArray *printers)
{
  cups_dest_t *dests = NULL;
  int n = cupsGetDests2 (CUPS_HTTP_DEFAULT, &dests);

  for (int i = 0; i < n; i++)
    {
      const char *info_text = cupsGetOption ("printer-info", dests[i].num_options,
                                             dests[i].options);
      BoPrinterInfo *info;

      if (dests[i].instance != NULL)
        continue;
      info = g_new0 (BoPrinterInfo, 1);
      info->uri = g_strconcat ("cups:", dests[i].name, NULL);
      info->description = g_strdup_printf (_("CUPS queue %s"),
                                           info_text != NULL ? info_text : dests[i].name);
      info->format = BO_PRINT_FORMAT_PDF;
      g_ptr_array_add (printers, info);
    }
  cupsFreeDests (n, dests);
}
