/* bo-ui-util.h — small helpers several widgets share: style sheets, template disposal,
 * toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Loads the style sheet at @resource_path for the default display, once per display however
 * many widgets ask for it. */
void  bo_ui_ensure_css        (const char *resource_path);

/* For a widget whose composite template's root is its only child, laid out by a
 * GtkBinLayout: disposes the template of @widget_type and unparents that root too, which
 * gtk_widget_dispose_template() leaves (it has no id in the template). From dispose(). */
void  bo_ui_dispose_template  (GtkWidget  *widget,
                               GType       widget_type);

/* Shows @text (plain text, not markup) as a toast in the AdwToastOverlay around @widget (or
 * @widget itself), else in @widget's AdwPreferencesWindow; nowhere when it has neither. */
void  bo_ui_toast             (GtkWidget  *widget,
                               const char *text);

G_END_DECLS
