/* bo-pin-pad.c — a PIN entry with an on-screen keypad, for touch, mouse and keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "domain/bo-pin.h"
#include "ui/bo-pin-pad.h"
#include "ui/bo-ui-util.h"

struct _BoPinPad
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkWidget *entry;
  GtkButton *submit_button;
};

G_DEFINE_FINAL_TYPE (BoPinPad, bo_pin_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUBMIT_LABEL,
  N_PROPS
};

enum {
  SUBMITTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
submit (BoPinPad *self)
{
  const char *pin = bo_pin_pad_get_pin (self);

  if (pin[0] == '\0')
    return;
  g_signal_emit (self, signals[SUBMITTED], 0, pin);
}

static void
on_digit_clicked_cb (GtkButton *button,
                     BoPinPad  *self)
{
  const char *digit = gtk_button_get_label (button);
  int position = -1;

  if (strlen (bo_pin_pad_get_pin (self)) >= BO_PIN_MAX_LEN)
    return;

  gtk_editable_insert_text (GTK_EDITABLE (self->entry), digit, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
}

static void
on_backspace_clicked_cb (GtkButton *button,
                         BoPinPad  *self)
{
  int len = (int) strlen (bo_pin_pad_get_pin (self));

  if (len > 0)
    gtk_editable_delete_text (GTK_EDITABLE (self->entry), len - 1, len);
}

static void
on_submit_clicked_cb (GtkButton *button,
                      BoPinPad  *self)
{
  submit (self);
}

static void
on_entry_activate_cb (GtkWidget *entry,
                      BoPinPad  *self)
{
  submit (self);
}

/* Only digits reach a PIN, whatever a keyboard or a scanner types into the entry. */
static void
on_entry_insert_text_cb (GtkEditable *editable,
                         const char  *text,
                         int          length,
                         int         *position,
                         BoPinPad    *self)
{
  gsize len = length < 0 ? strlen (text) : (gsize) length;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      {
        g_signal_stop_emission_by_name (editable, "insert-text");
        gtk_widget_error_bell (GTK_WIDGET (self));
        return;
      }
}

static void
bo_pin_pad_dispose (GObject *object)
{
  bo_ui_dispose_template (GTK_WIDGET (object), BO_TYPE_PIN_PAD);

  G_OBJECT_CLASS (bo_pin_pad_parent_class)->dispose (object);
}

static void
bo_pin_pad_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BoPinPad *self = BO_PIN_PAD (object);

  switch (prop_id)
    {
    case PROP_SUBMIT_LABEL:
      g_value_set_string (value, gtk_button_get_label (self->submit_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_pin_pad_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BoPinPad *self = BO_PIN_PAD (object);

  switch (prop_id)
    {
    case PROP_SUBMIT_LABEL:
      bo_pin_pad_set_submit_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
bo_pin_pad_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (BO_PIN_PAD (widget)->entry);
}

static void
bo_pin_pad_class_init (BoPinPadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_pin_pad_dispose;
  object_class->get_property = bo_pin_pad_get_property;
  object_class->set_property = bo_pin_pad_set_property;
  widget_class->grab_focus = bo_pin_pad_grab_focus;

  properties[PROP_SUBMIT_LABEL] =
    g_param_spec_string ("submit-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SUBMITTED] =
    g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-pin-pad.ui");
  gtk_widget_class_bind_template_child (widget_class, BoPinPad, entry);
  gtk_widget_class_bind_template_child (widget_class, BoPinPad, submit_button);
  gtk_widget_class_bind_template_callback (widget_class, on_digit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_backspace_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_submit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pinpad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
bo_pin_pad_init (BoPinPad *self)
{
  GtkEditable *delegate;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GtkPasswordEntry forwards GtkEditable to an inner GtkText, which emits insert-text. */
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->entry));
  g_signal_connect (delegate != NULL ? delegate : GTK_EDITABLE (self->entry), "insert-text",
                    G_CALLBACK (on_entry_insert_text_cb), self);
}

GtkWidget *
bo_pin_pad_new (void)
{
  return g_object_new (BO_TYPE_PIN_PAD, NULL);
}

const char *
bo_pin_pad_get_pin (BoPinPad *self)
{
  g_return_val_if_fail (BO_IS_PIN_PAD (self), "");

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
bo_pin_pad_clear (BoPinPad *self)
{
  g_return_if_fail (BO_IS_PIN_PAD (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

void
bo_pin_pad_set_submit_label (BoPinPad   *self,
                             const char *label)
{
  g_return_if_fail (BO_IS_PIN_PAD (self));

  if (g_strcmp0 (gtk_button_get_label (self->submit_button), label) == 0)
    return;

  gtk_button_set_label (self->submit_button, label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBMIT_LABEL]);
}

void
bo_pin_pad_focus (BoPinPad *self)
{
  g_return_if_fail (BO_IS_PIN_PAD (self));

  gtk_widget_grab_focus (self->entry);
}
