/* bo-application.c — the Bilten Box Office application
 *
 * Owns the application-wide actions (quit, about, preferences), the settings and the
 * command line; each window owns its own view of the local store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "ui/bo-application.h"
#include "ui/bo-preferences-window.h"
#include "ui/bo-window.h"

struct _BoApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (BoApplication, bo_application, ADW_TYPE_APPLICATION)

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_message ("Settings schema %s is not installed; settings will not be saved", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  BoApplication *self = BO_APPLICATION (user_data);
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  /* Closing each window, rather than g_application_quit(), lets the windows save their state;
   * the application ends when the last one is gone. Closing changes the application's list,
   * hence the copy. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    g_ptr_array_add (windows, g_object_ref (l->data));

  for (guint i = 0; i < windows->len; i++)
    gtk_window_close (g_ptr_array_index (windows, i));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BoApplication *self = BO_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Bilten developers https://bilten.org", NULL };
  GObject *about;

#if ADW_CHECK_VERSION (1, 5, 0)
  about = G_OBJECT (adw_about_dialog_new ());
#else
  about = G_OBJECT (adw_about_window_new ());
#endif

  g_object_set (about,
                "application-icon", APP_ID,
                "application-name", _("Bilten Box Office"),
                "developer-name", "The Bilten developers",
                "developers", developers,
                "version", PACKAGE_VERSION,
                "website", "https://bilten.org",
                "copyright", "© 2026 The Bilten developers",
                "license-type", GTK_LICENSE_GPL_3_0,
                /* Translators: Replace "translator-credits" with your name and e-mail address,
                 * one translator per line. */
                "translator-credits", _("translator-credits"),
                NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (about), window != NULL ? GTK_WIDGET (window) : NULL);
#else
  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  BoApplication *self = BO_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *db_path = bo_store_default_path ();
  BoPreferencesWindow *preferences;

  preferences = bo_preferences_window_new (window, self->settings, db_path);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
};

static int
bo_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  BoApplication *self = BO_APPLICATION (application);
  const char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* bo_store_default_path() reads BILTEN_BOXOFFICE_DB. Setting it here, before the
   * application registers and starts threads, is the one safe moment to change the
   * environment. Precedence: --db, then the environment, then the database-path setting. */
  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_autofree char *path = g_canonicalize_filename (db, NULL);

      g_setenv ("BILTEN_BOXOFFICE_DB", path, TRUE);
    }
  else if (g_getenv ("BILTEN_BOXOFFICE_DB") == NULL && self->settings != NULL)
    {
      g_autofree char *setting = g_settings_get_string (self->settings, "database-path");

      if (setting[0] != '\0')
        {
          g_autofree char *path = g_canonicalize_filename (setting, g_get_home_dir ());

          g_setenv ("BILTEN_BOXOFFICE_DB", path, TRUE);
        }
    }

  return G_APPLICATION_CLASS (bo_application_parent_class)->handle_local_options (application,
                                                                                  options);
}

static void
bo_application_startup (GApplication *application)
{
  BoApplication *self = BO_APPLICATION (application);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (bo_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
}

static void
bo_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (bo_window_new (BO_APPLICATION (application)));

  gtk_window_present (window);
}

static void
bo_application_dispose (GObject *object)
{
  BoApplication *self = BO_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bo_application_parent_class)->dispose (object);
}

static void
bo_application_class_init (BoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = bo_application_dispose;

  app_class->handle_local_options = bo_application_handle_local_options;
  app_class->startup = bo_application_startup;
  app_class->activate = bo_application_activate;
}

static void
bo_application_init (BoApplication *self)
{
  const GOptionEntry options[] = {
    { "db", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the sales database at PATH"), N_("PATH") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  self->settings = settings_new_if_installed ();

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

BoApplication *
bo_application_new (void)
{
  return g_object_new (BO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
bo_application_get_settings (BoApplication *self)
{
  g_return_val_if_fail (BO_IS_APPLICATION (self), NULL);

  return self->settings;
}
