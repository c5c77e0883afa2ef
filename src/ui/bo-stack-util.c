/* bo-stack-util.c — switching a GtkStack so that the other pages are really gone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui/bo-stack-util.h"

void
bo_stack_show_only (GtkStack   *stack,
                    const char *name)
{
  GtkWidget *target;

  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (name != NULL);

  target = gtk_stack_get_child_by_name (stack, name);
  g_return_if_fail (target != NULL);

  /* A stack only switches to a visible page, and hiding the page it shows makes it pick
   * another one: show the new page first, switch, then hide the rest. */
  gtk_widget_set_visible (target, TRUE);
  gtk_stack_set_visible_child (stack, target);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != target)
      gtk_widget_set_visible (child, FALSE);
}
