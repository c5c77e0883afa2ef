/* bo-session.c — who is at the counter now: the worker, the operator, the open shift
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui/bo-session.h"

struct _BoSession
{
  GObject     parent_instance;

  BoWorker   *worker;
  GSettings  *settings;
  BoOperator *operator;
  BoShift    *shift;
  BoEvent    *event;
  char       *currency;
};

G_DEFINE_FINAL_TYPE (BoSession, bo_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WORKER,
  PROP_SETTINGS,
  PROP_OPERATOR,
  PROP_SHIFT,
  PROP_EVENT,
  PROP_CURRENCY,
  N_PROPS
};

enum {
  DATA_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Used until an event tells otherwise (the demo catalogue and most venues here sell in it). */
#define DEFAULT_CURRENCY "EUR"

static void
bo_session_dispose (GObject *object)
{
  BoSession *self = BO_SESSION (object);

  g_clear_object (&self->operator);
  g_clear_object (&self->shift);
  g_clear_object (&self->event);
  g_clear_object (&self->settings);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (bo_session_parent_class)->dispose (object);
}

static void
bo_session_finalize (GObject *object)
{
  BoSession *self = BO_SESSION (object);

  g_free (self->currency);

  G_OBJECT_CLASS (bo_session_parent_class)->finalize (object);
}

static void
bo_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BoSession *self = BO_SESSION (object);

  switch (prop_id)
    {
    case PROP_WORKER:
      g_value_set_object (value, self->worker);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_OPERATOR:
      g_value_set_object (value, self->operator);
      break;
    case PROP_SHIFT:
      g_value_set_object (value, self->shift);
      break;
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, bo_session_get_currency (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BoSession *self = BO_SESSION (object);

  switch (prop_id)
    {
    case PROP_WORKER:
      self->worker = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_OPERATOR:
      bo_session_set_operator (self, g_value_get_object (value));
      break;
    case PROP_SHIFT:
      bo_session_set_shift (self, g_value_get_object (value));
      break;
    case PROP_EVENT:
      bo_session_set_event (self, g_value_get_object (value));
      break;
    case PROP_CURRENCY:
      bo_session_set_currency (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_session_class_init (BoSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bo_session_dispose;
  object_class->finalize = bo_session_finalize;
  object_class->get_property = bo_session_get_property;
  object_class->set_property = bo_session_set_property;

  properties[PROP_WORKER] =
    g_param_spec_object ("worker", NULL, NULL, BO_TYPE_WORKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATOR] =
    g_param_spec_object ("operator", NULL, NULL, BO_TYPE_OPERATOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHIFT] =
    g_param_spec_object ("shift", NULL, NULL, BO_TYPE_SHIFT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, BO_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, DEFAULT_CURRENCY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DATA_CHANGED] =
    g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
bo_session_init (BoSession *self)
{
}

BoSession *
bo_session_new (BoWorker  *worker,
                GSettings *settings)
{
  g_return_val_if_fail (BO_IS_WORKER (worker), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (BO_TYPE_SESSION, "worker", worker, "settings", settings, NULL);
}

BoWorker *
bo_session_get_worker (BoSession *self)
{
  g_return_val_if_fail (BO_IS_SESSION (self), NULL);

  return self->worker;
}

GSettings *
bo_session_get_settings (BoSession *self)
{
  g_return_val_if_fail (BO_IS_SESSION (self), NULL);

  return self->settings;
}

BoOperator *
bo_session_get_operator (BoSession *self)
{
  g_return_val_if_fail (BO_IS_SESSION (self), NULL);

  return self->operator;
}

void
bo_session_set_operator (BoSession  *self,
                         BoOperator *operator)
{
  g_return_if_fail (BO_IS_SESSION (self));
  g_return_if_fail (operator == NULL || BO_IS_OPERATOR (operator));

  if (g_set_object (&self->operator, operator))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
}

gboolean
bo_session_can (BoSession *self,
                BoRight    right)
{
  g_return_val_if_fail (BO_IS_SESSION (self), FALSE);

  return self->operator != NULL && bo_operator_can (self->operator, right);
}

BoShift *
bo_session_get_shift (BoSession *self)
{
  g_return_val_if_fail (BO_IS_SESSION (self), NULL);

  return self->shift;
}

void
bo_session_set_shift (BoSession *self,
                      BoShift   *shift)
{
  g_return_if_fail (BO_IS_SESSION (self));
  g_return_if_fail (shift == NULL || BO_IS_SHIFT (shift));

  /* A reloaded shift is a new object with new figures: always notify. */
  g_set_object (&self->shift, shift);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHIFT]);
}

BoEvent *
bo_session_get_event (BoSession *self)
{
  g_return_val_if_fail (BO_IS_SESSION (self), NULL);

  return self->event;
}

gint64
bo_session_get_event_id (BoSession *self)
{
  g_return_val_if_fail (BO_IS_SESSION (self), 0);

  return self->event != NULL ? bo_event_get_id (self->event) : 0;
}

void
bo_session_set_event (BoSession *self,
                      BoEvent   *event)
{
  g_return_if_fail (BO_IS_SESSION (self));
  g_return_if_fail (event == NULL || BO_IS_EVENT (event));

  if (!g_set_object (&self->event, event))
    return;

  if (event != NULL)
    bo_session_set_currency (self, bo_event_get_currency (event));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}

const char *
bo_session_get_currency (BoSession *self)
{
  g_return_val_if_fail (BO_IS_SESSION (self), NULL);

  return self->currency != NULL ? self->currency : DEFAULT_CURRENCY;
}

void
bo_session_set_currency (BoSession  *self,
                         const char *currency)
{
  g_return_if_fail (BO_IS_SESSION (self));

  if (g_strcmp0 (self->currency, currency) == 0)
    return;

  g_free (self->currency);
  self->currency = g_strdup (currency);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

void
bo_session_data_changed (BoSession       *self,
                         BoSessionChanges changes)
{
  g_return_if_fail (BO_IS_SESSION (self));

  g_signal_emit (self, signals[DATA_CHANGED], 0, (guint) changes);
}
