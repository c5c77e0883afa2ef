/* bo-stack-util.h — switching a GtkStack so that the other pages are really gone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows the page @name of @stack and hides every other page. GTK 4.8 keeps reporting the
 * widgets of a page that is no longer shown as visible, with their old size, to assistive
 * technologies (and to UI tests driving the app over AT-SPI); hidden pages are not. */
void bo_stack_show_only (GtkStack   *stack,
                         const char *name);

G_END_DECLS
