/* bo-checkin-verdict.c — the door's answer to a scan: big colour, big words, a sound
 *
 * Door staff glance at the screen from a step away, or not at all: the verdict is a full-width
 * box in the success, warning or error colour with its title in 44 pt, and the display's bell
 * rings once for a ticket let through and twice for one refused. The bell is the display's
 * own, so it needs no sound files, no media framework and works offline.
 *
 * For screen readers (and the UI tests) the box reads "Accepted. Standing · Ana"; the machine
 * verdict ("accepted", "duplicate", …, or "invalid", "not_allowed", "error" for scans that
 * recorded nothing, "idle" while waiting) is its accessible description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "domain/bo-operator.h"
#include "ui/bo-checkin-verdict.h"
#include "ui/bo-format.h"

/* The second bell of a refusal: far enough apart to be heard as two. */
#define SECOND_BELL_MS 180

struct _BoCheckinVerdict
{
  AdwBin parent_instance;

  gboolean  sound;
  guint     bell_timeout_id;

  /* Template widgets */
  GtkBox   *verdict_box;
  GtkImage *verdict_icon;
  GtkLabel *verdict_title;
  GtkLabel *verdict_detail;
  GtkLabel *verdict_ticket;
};

G_DEFINE_FINAL_TYPE (BoCheckinVerdict, bo_checkin_verdict, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SOUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_style (BoCheckinVerdict *self,
           const char       *style,
           const char       *icon_name)
{
  const char *styles[] = { "idle", "accepted", "duplicate", "refused" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_box), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_box), style);
  gtk_image_set_from_icon_name (self->verdict_icon, icon_name);
}

static void
set_text (BoCheckinVerdict *self,
          const char       *verdict,
          const char       *title,
          const char       *detail,
          const char       *ticket)
{
  g_autofree char *description = NULL;

  gtk_label_set_text (self->verdict_title, title);
  gtk_label_set_text (self->verdict_detail, detail != NULL ? detail : "");
  gtk_label_set_text (self->verdict_ticket, ticket != NULL ? ticket : "");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_detail), detail != NULL && detail[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_ticket), ticket != NULL && ticket[0] != '\0');

  description = g_strdup_printf ("%s. %s", title, detail != NULL ? detail : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, verdict,
                                  -1);
}

static gboolean
second_bell_cb (gpointer user_data)
{
  BoCheckinVerdict *self = user_data;

  self->bell_timeout_id = 0;
  gtk_widget_error_bell (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
play_cue (BoCheckinVerdict *self,
          gboolean          accepted)
{
  if (!self->sound)
    return;

  gtk_widget_error_bell (GTK_WIDGET (self));
  if (!accepted)
    {
      g_clear_handle_id (&self->bell_timeout_id, g_source_remove);
      self->bell_timeout_id = g_timeout_add (SECOND_BELL_MS, second_bell_cb, self);
    }
}

/* "Standing · Ada Lovelace · Order K7Q2" */
static char *
describe_ticket (BoCheckin *checkin)
{
  const char *name = bo_checkin_get_attendee_name (checkin);
  const char *type_name = bo_checkin_get_ticket_type_name (checkin);
  const char *order = bo_checkin_get_order_code (checkin);
  GString *ticket = g_string_new (NULL);

  if (type_name != NULL)
    g_string_append (ticket, type_name);
  if (name != NULL && name[0] != '\0')
    g_string_append_printf (ticket, "%s%s", ticket->len > 0 ? " · " : "", name);
  if (order != NULL && order[0] != '\0')
    {
      /* Translators: an order code on the check-in screen. */
      g_autofree char *order_text = g_strdup_printf (_("Order %s"), order);

      g_string_append_printf (ticket, "%s%s", ticket->len > 0 ? " · " : "", order_text);
    }

  return g_string_free (ticket, FALSE);
}

static void
bo_checkin_verdict_dispose (GObject *object)
{
  BoCheckinVerdict *self = BO_CHECKIN_VERDICT (object);

  g_clear_handle_id (&self->bell_timeout_id, g_source_remove);

  G_OBJECT_CLASS (bo_checkin_verdict_parent_class)->dispose (object);
}

static void
bo_checkin_verdict_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BoCheckinVerdict *self = BO_CHECKIN_VERDICT (object);

  switch (prop_id)
    {
    case PROP_SOUND:
      g_value_set_boolean (value, self->sound);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_checkin_verdict_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BoCheckinVerdict *self = BO_CHECKIN_VERDICT (object);

  switch (prop_id)
    {
    case PROP_SOUND:
      bo_checkin_verdict_set_sound (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_checkin_verdict_class_init (BoCheckinVerdictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_checkin_verdict_dispose;
  object_class->get_property = bo_checkin_verdict_get_property;
  object_class->set_property = bo_checkin_verdict_set_property;

  properties[PROP_SOUND] =
    g_param_spec_boolean ("sound", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-checkin-verdict.ui");
  gtk_widget_class_bind_template_child (widget_class, BoCheckinVerdict, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinVerdict, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinVerdict, verdict_title);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinVerdict, verdict_detail);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinVerdict, verdict_ticket);
}

static void
bo_checkin_verdict_init (BoCheckinVerdict *self)
{
  self->sound = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
bo_checkin_verdict_show_idle (BoCheckinVerdict *self,
                              BoDirection       direction)
{
  g_return_if_fail (BO_IS_CHECKIN_VERDICT (self));

  set_style (self, "idle", "camera-web-symbolic");
  set_text (self, "idle",
            direction == BO_DIRECTION_EXIT ? _("Scanning Exits") : _("Ready to Scan"),
            NULL, NULL);
}

void
bo_checkin_verdict_show_checkin (BoCheckinVerdict *self,
                                 BoCheckin        *checkin)
{
  BoVerdict verdict;
  g_autofree char *detail = NULL;
  g_autofree char *ticket = NULL;
  const char *style, *icon;

  g_return_if_fail (BO_IS_CHECKIN_VERDICT (self));
  g_return_if_fail (BO_IS_CHECKIN (checkin));

  verdict = bo_checkin_get_verdict (checkin);
  switch (verdict)
    {
    case BO_VERDICT_ACCEPTED:
      style = "accepted";
      icon = "emblem-ok-symbolic";
      if (bo_checkin_get_direction (checkin) == BO_DIRECTION_EXIT)
        detail = g_strdup (bo_checkin_get_detail (checkin));
      break;

    case BO_VERDICT_DUPLICATE:
      style = "duplicate";
      icon = "dialog-warning-symbolic";
      if (bo_checkin_get_first_scanned_at (checkin) != NULL)
        {
          const char *first = bo_checkin_get_first_scanned_at (checkin);
          g_autofree char *when = bo_format_clock_time (first, TRUE);
          const char *gate = bo_checkin_get_first_gate (checkin);

          if (gate != NULL && gate[0] != '\0')
            /* Translators: a duplicate ticket: when and at which gate it first came in. */
            detail = g_strdup_printf (_("First scanned at %s, %s"), when, gate);
          else
            detail = g_strdup_printf (_("First scanned at %s"), when);
        }
      else
        detail = g_strdup (bo_checkin_get_detail (checkin));
      break;

    case BO_VERDICT_UNKNOWN:
    case BO_VERDICT_CANCELLED:
    case BO_VERDICT_WRONG_EVENT:
    case BO_VERDICT_INVALID_SIGNATURE:
    default:
      style = "refused";
      icon = "action-unavailable-symbolic";
      detail = g_strdup (bo_checkin_get_detail (checkin));
      break;
    }

  ticket = describe_ticket (checkin);
  set_style (self, style, icon);
  set_text (self, bo_verdict_to_string (verdict), bo_verdict_describe (verdict), detail, ticket);
  play_cue (self, verdict == BO_VERDICT_ACCEPTED);
}

void
bo_checkin_verdict_show_error (BoCheckinVerdict *self,
                               const char       *code,
                               const GError     *error)
{
  const char *title;
  const char *verdict;

  g_return_if_fail (BO_IS_CHECKIN_VERDICT (self));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, BO_CHECKIN_ERROR, BO_CHECKIN_ERROR_MALFORMED))
    {
      title = _("Unreadable Code");
      verdict = "invalid";
    }
  else if (g_error_matches (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED))
    {
      title = _("Not Allowed");
      verdict = "not_allowed";
    }
  else
    {
      title = _("Not Recorded");
      verdict = "error";
    }

  set_style (self, "refused", "dialog-error-symbolic");
  set_text (self, verdict, title, error->message, code);
  play_cue (self, FALSE);
}

void
bo_checkin_verdict_set_sound (BoCheckinVerdict *self,
                              gboolean          sound)
{
  g_return_if_fail (BO_IS_CHECKIN_VERDICT (self));

  sound = !!sound;
  if (self->sound == sound)
    return;

  self->sound = sound;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOUND]);
}
