/* bo-worker-staff.c — operator and shift jobs of the database worker
 *
 * Every job here has the same shape: a few arguments in, one domain call, one result out. The
 * scaffolding is shared (StaffData, run_staff_job(), staff_run()); a job is only its domain call,
 * and its public _async/_finish pair.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ui/bo-worker.h"

typedef struct _StaffData StaffData;

/* Runs in the worker thread: the result, or NULL with @error set on failure. NULL without an
 * error is a result too ("no shift open"). */
typedef gpointer (*StaffFunc) (BoStore    *store,
                               BoDevice   *device,
                               StaffData  *d,
                               GError    **error);

struct _StaffData {
  StaffFunc       func;
  GDestroyNotify  result_free;
  BoOperator     *operator;
  char           *name;
  char           *text;   /* a PIN or a reason */
  gint64          amount;
};

static void
staff_data_free (gpointer data)
{
  StaffData *d = data;

  g_clear_object (&d->operator);
  g_free (d->name);
  /* PINs pass through here: do not leave them in freed memory. */
  if (d->text != NULL)
    memset (d->text, 0, strlen (d->text));
  g_free (d->text);
  g_free (d);
}

static gboolean
run_staff_job (BoStore        *store,
               BoDevice       *device,
               gpointer        data,
               gpointer       *out_result,
               GDestroyNotify *out_free,
               GCancellable   *cancellable,
               GError        **error)
{
  StaffData *d = data;
  GError *local_error = NULL;
  gpointer result;

  result = d->func (store, device, d, &local_error);
  if (local_error != NULL)
    {
      g_assert (result == NULL);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *out_result = result;
  *out_free = result != NULL ? d->result_free : NULL;
  return TRUE;
}

/* Queues @func with its arguments; @source_tag is the public _async function. */
static void
staff_run (BoWorker            *self,
           gpointer             source_tag,
           StaffFunc            func,
           GDestroyNotify       result_free,
           BoOperator          *operator,
           const char          *name,
           const char          *text,
           gint64               amount,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  StaffData *d = g_new0 (StaffData, 1);

  d->func = func;
  d->result_free = result_free;
  d->operator = operator != NULL ? g_object_ref (operator) : NULL;
  d->name = g_strdup (name);
  d->text = g_strdup (text);
  d->amount = amount;
  bo_worker_run_async (self, source_tag, run_staff_job, d, staff_data_free,
                       cancellable, callback, user_data);
}

/* The jobs, in the worker thread */

static void
sign_in_free (gpointer data)
{
  bo_worker_sign_in_free (data);
}

static gpointer
sign_in_choices_job (BoStore    *store,
                     BoDevice   *device,
                     StaffData  *d,
                     GError    **error)
{
  GPtrArray *operators = bo_operator_list (store, error);
  BoWorkerSignIn *choices;

  if (operators == NULL)
    return NULL;
  choices = g_new0 (BoWorkerSignIn, 1);
  choices->operators = operators;
  choices->last_sign_in = bo_operator_get_last_sign_in (store);
  return choices;
}

static gpointer
add_first_manager_job (BoStore    *store,
                       BoDevice   *device,
                       StaffData  *d,
                       GError    **error)
{
  return bo_operator_add (store, NULL, d->name, BO_ROLE_MANAGER, d->text, error);
}

static gpointer
login_job (BoStore    *store,
           BoDevice   *device,
           StaffData  *d,
           GError    **error)
{
  if (d->name != NULL)
    return bo_operator_login_named (store, d->name, d->text, error);
  return bo_operator_login_approver (store, d->text, error);
}

static gpointer
sign_in_job (BoStore    *store,
             BoDevice   *device,
             StaffData  *d,
             GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  BoOperator *operator = login_job (store, device, d, error);

  /* Not being preselected next time is no reason to keep anyone out. */
  if (operator != NULL && !bo_operator_remember_sign_in (store, operator, &local_error))
    g_debug ("Cannot remember who signed in: %s", local_error->message);
  return operator;
}

static gpointer
throttle_job (BoStore    *store,
              BoDevice   *device,
              StaffData  *d,
              GError    **error)
{
  return GUINT_TO_POINTER (bo_operator_throttle_remaining (store));
}

static gpointer
current_shift_job (BoStore    *store,
                   BoDevice   *device,
                   StaffData  *d,
                   GError    **error)
{
  return bo_shift_get_current (store, error);
}

static gpointer
last_closed_shift_job (BoStore    *store,
                       BoDevice   *device,
                       StaffData  *d,
                       GError    **error)
{
  return bo_shift_find_last_closed (store, error);
}

static gpointer
open_shift_job (BoStore    *store,
                BoDevice   *device,
                StaffData  *d,
                GError    **error)
{
  return bo_shift_open (store, device, d->operator, d->amount, error);
}

static gpointer
move_cash_job (BoStore    *store,
               BoDevice   *device,
               StaffData  *d,
               GError    **error)
{
  if (!bo_shift_move_cash (store, device, d->operator, d->amount, d->text, error))
    return NULL;
  return bo_shift_get_current (store, error);
}

static gpointer
close_shift_job (BoStore    *store,
                 BoDevice   *device,
                 StaffData  *d,
                 GError    **error)
{
  return bo_shift_close (store, device, d->operator, d->amount, error);
}

/* Public API */

void
bo_worker_sign_in_free (BoWorkerSignIn *choices)
{
  if (choices == NULL)
    return;
  g_clear_pointer (&choices->operators, g_ptr_array_unref);
  g_free (choices);
}

void
bo_worker_sign_in_choices_async (BoWorker            *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  staff_run (self, bo_worker_sign_in_choices_async, sign_in_choices_job, sign_in_free,
             NULL, NULL, NULL, 0, cancellable, callback, user_data);
}

BoWorkerSignIn *
bo_worker_sign_in_choices_finish (BoWorker      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_sign_in_choices_async, error);
}

void
bo_worker_add_first_manager_async (BoWorker            *self,
                                   const char          *name,
                                   const char          *pin,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  staff_run (self, bo_worker_add_first_manager_async, add_first_manager_job, g_object_unref,
             NULL, name, pin, 0, cancellable, callback, user_data);
}

BoOperator *
bo_worker_add_first_manager_finish (BoWorker      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_add_first_manager_async, error);
}

void
bo_worker_login_async (BoWorker            *self,
                       const char          *name,
                       const char          *pin,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (pin != NULL);

  staff_run (self, bo_worker_login_async, login_job, g_object_unref,
             NULL, name, pin, 0, cancellable, callback, user_data);
}

BoOperator *
bo_worker_login_finish (BoWorker      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_login_async, error);
}

void
bo_worker_sign_in_async (BoWorker            *self,
                         const char          *name,
                         const char          *pin,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (pin != NULL);

  staff_run (self, bo_worker_sign_in_async, sign_in_job, g_object_unref,
             NULL, name, pin, 0, cancellable, callback, user_data);
}

BoOperator *
bo_worker_sign_in_finish (BoWorker      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_sign_in_async, error);
}

void
bo_worker_throttle_async (BoWorker            *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  staff_run (self, bo_worker_throttle_async, throttle_job, NULL,
             NULL, NULL, NULL, 0, cancellable, callback, user_data);
}

guint
bo_worker_throttle_finish (BoWorker      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return GPOINTER_TO_UINT (bo_worker_run_finish (self, result, bo_worker_throttle_async, error));
}

void
bo_worker_current_shift_async (BoWorker            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  staff_run (self, bo_worker_current_shift_async, current_shift_job, g_object_unref,
             NULL, NULL, NULL, 0, cancellable, callback, user_data);
}

BoShift *
bo_worker_current_shift_finish (BoWorker      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_current_shift_async, error);
}

void
bo_worker_last_closed_shift_async (BoWorker            *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  staff_run (self, bo_worker_last_closed_shift_async, last_closed_shift_job, g_object_unref,
             NULL, NULL, NULL, 0, cancellable, callback, user_data);
}

BoShift *
bo_worker_last_closed_shift_finish (BoWorker      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_last_closed_shift_async, error);
}

void
bo_worker_open_shift_async (BoWorker            *self,
                            BoOperator          *operator,
                            gint64               float_amount,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (BO_IS_OPERATOR (operator));

  staff_run (self, bo_worker_open_shift_async, open_shift_job, g_object_unref,
             operator, NULL, NULL, float_amount, cancellable, callback, user_data);
}

BoShift *
bo_worker_open_shift_finish (BoWorker      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_open_shift_async, error);
}

void
bo_worker_move_cash_async (BoWorker            *self,
                           BoOperator          *operator,
                           gint64               amount,
                           const char          *reason,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (BO_IS_OPERATOR (operator));

  staff_run (self, bo_worker_move_cash_async, move_cash_job, g_object_unref,
             operator, NULL, reason, amount, cancellable, callback, user_data);
}

BoShift *
bo_worker_move_cash_finish (BoWorker      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_move_cash_async, error);
}

void
bo_worker_close_shift_async (BoWorker            *self,
                             BoOperator          *operator,
                             gint64               cash_counted,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (BO_IS_OPERATOR (operator));

  staff_run (self, bo_worker_close_shift_async, close_shift_job, g_object_unref,
             operator, NULL, NULL, cash_counted, cancellable, callback, user_data);
}

BoShift *
bo_worker_close_shift_finish (BoWorker      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_close_shift_async, error);
}
