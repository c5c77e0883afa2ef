/* bo-checkin-scan-entry.c — where a keyboard-wedge scanner types its codes
 *
 * Keyboard-wedge scanners type a whole code in a few milliseconds and end it with Enter. The
 * entry therefore keeps the focus whenever it is shown (typing that lands elsewhere on the page
 * is forwarded to it), is never made insensitive, and is emptied in the same main-loop turn as
 * the Enter that submits it: the next code starts in an empty entry while the previous one is
 * still being judged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui/bo-checkin-scan-entry.h"

struct _BoCheckinScanEntry
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkEntry *entry;
};

G_DEFINE_FINAL_TYPE (BoCheckinScanEntry, bo_checkin_scan_entry, ADW_TYPE_BIN)

enum {
  SCANNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Whether the keys are meant for a text field of their own (the entry itself, or the page's
 * attendee search). */
static gboolean
focus_is_editable (GtkWidget *area)
{
  GtkRoot *root = gtk_widget_get_root (area);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && GTK_IS_EDITABLE (focus);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   BoCheckinScanEntry    *self)
{
  GtkWidget *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *text;
  gunichar ch;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->entry)) || focus_is_editable (area))
    return GDK_EVENT_PROPAGATE;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  ch = gdk_keyval_to_unicode (keyval);
  if (ch == 0 || !g_unichar_isprint (ch))
    return GDK_EVENT_PROPAGATE;

  text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)));
  gtk_entry_grab_focus_without_selecting (self->entry);
  return gtk_event_controller_key_forward (controller, text);
}

static void
on_entry_activate_cb (BoCheckinScanEntry *self)
{
  g_autofree char *code = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  /* Emptied at once, in this very turn of the main loop, so that the next scan's characters
   * start a new code. */
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");

  g_signal_emit (self, signals[SCANNED], 0, code);
}

static void
bo_checkin_scan_entry_class_init (BoCheckinScanEntryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SCANNED] =
    g_signal_new ("scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-checkin-scan-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, BoCheckinScanEntry, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
}

static void
bo_checkin_scan_entry_init (BoCheckinScanEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
bo_checkin_scan_entry_capture_typing (BoCheckinScanEntry *self,
                                      GtkWidget          *area)
{
  GtkEventController *keys;

  g_return_if_fail (BO_IS_CHECKIN_SCAN_ENTRY (self));
  g_return_if_fail (GTK_IS_WIDGET (area));

  /* Capture phase: the keys are taken before the focused button can act on them. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (area, keys);
}

void
bo_checkin_scan_entry_grab_focus (BoCheckinScanEntry *self)
{
  g_return_if_fail (BO_IS_CHECKIN_SCAN_ENTRY (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self->entry)))
    gtk_entry_grab_focus_without_selecting (self->entry);
}
