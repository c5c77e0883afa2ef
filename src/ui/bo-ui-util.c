/* bo-ui-util.c — small helpers several widgets share: local times, style sheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui/bo-ui-util.h"

char *
bo_ui_format_local_time (const char *iso,
                         gboolean    with_seconds)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (iso == NULL)
    return NULL;

  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);

  local = g_date_time_to_local (utc);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (now) == g_date_time_get_year (local)
      && g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (local))
    return g_date_time_format (local, with_seconds ? "%H:%M:%S" : "%H:%M");

  return g_date_time_format (local, "%x %H:%M");
}

void
bo_ui_ensure_css (const char *resource_path)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autofree char *key = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;

  g_return_if_fail (resource_path != NULL);

  if (display == NULL)
    return;

  /* Remembered on the display itself, so that a second display (or a test opening a new
   * one) gets the sheet too and the provider goes when the display does. */
  key = g_strconcat ("bo-ui-css:", resource_path, NULL);
  if (g_object_get_data (G_OBJECT (display), key) != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, resource_path);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), key, g_steal_pointer (&provider), g_object_unref);
}
