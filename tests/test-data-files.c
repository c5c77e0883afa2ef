/* test-data-files.c — the platform files: schema, desktop entry, metainfo, UI resources, i18n
 *
 * Reads what the build produced (the compiled schema in <builddir>/data, the merged desktop
 * and metainfo files, the UI resource bundle) and the source files they come from. Uses GLib
 * only, so it runs where GTK is not installed; the UI resource checks skip when the GUI was
 * not built.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

static char *source_root;
static char *build_root;

/* Walks up from @start to the first folder that holds @marker. */
static char *
find_up (const char *start,
         const char *marker)
{
  g_autofree char *dir = g_canonicalize_filename (start, NULL);

  for (;;)
    {
      g_autofree char *probe = g_build_filename (dir, marker, NULL);
      g_autofree char *parent = NULL;

      if (g_file_test (probe, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&dir);

      parent = g_path_get_dirname (dir);
      if (g_strcmp0 (parent, dir) == 0)
        return NULL;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Non-empty, non-comment lines of a POTFILES.in / LINGUAS style file. */
static GPtrArray *
read_list (const char *path)
{
  g_autofree char *text = read_text (path);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == '\0' || line[0] == '#')
        continue;
      /* gettext reads the line as is: stray blanks would name a file that does not exist. */
      g_assert_cmpint (g_ascii_isspace (line[strlen (line) - 1]), ==, FALSE);
      g_ptr_array_add (list, g_strdup (line));
    }

  return list;
}

static gboolean
list_contains (GPtrArray  *list,
               const char *item)
{
  return g_ptr_array_find_with_equal_func (list, item, g_str_equal, NULL);
}

/* ---- a tiny GMarkup collector ---------------------------------------------------------- */

typedef struct {
  char       *root;        /* name of the root element */
  GHashTable *attrs;       /* "element@attribute" of the first such element -> value */
  GHashTable *texts;       /* element path ("component/id") of the first one -> its text */
  GPtrArray  *files;       /* <file> elements of a gresource: "prefix/alias-or-name\tname" */
  GPtrArray  *stack;       /* element names, outermost first */
  GString    *text;
  char       *prefix;      /* current <gresource prefix> */
  char       *file_alias;
} Markup;

static char *
markup_path (Markup *m)
{
  g_autoptr(GString) path = g_string_new (NULL);

  for (guint i = 0; i < m->stack->len; i++)
    {
      if (i > 0)
        g_string_append_c (path, '/');
      g_string_append (path, g_ptr_array_index (m->stack, i));
    }
  return g_string_free (g_steal_pointer (&path), FALSE);
}

static void
markup_start (GMarkupParseContext *context,
              const char          *element,
              const char         **names,
              const char         **values,
              gpointer             user_data,
              GError             **error)
{
  Markup *m = user_data;
  g_autofree char *path = NULL;

  if (m->root == NULL)
    m->root = g_strdup (element);

  g_ptr_array_add (m->stack, g_strdup (element));
  path = markup_path (m);

  for (guint i = 0; names[i] != NULL; i++)
    {
      char *key = g_strdup_printf ("%s@%s", path, names[i]);

      if (!g_hash_table_contains (m->attrs, key))
        g_hash_table_insert (m->attrs, key, g_strdup (values[i]));
      else
        g_free (key);

      if (g_str_equal (element, "gresource") && g_str_equal (names[i], "prefix"))
        {
          g_free (m->prefix);
          m->prefix = g_strdup (values[i]);
        }
      if (g_str_equal (element, "file") && g_str_equal (names[i], "alias"))
        {
          g_free (m->file_alias);
          m->file_alias = g_strdup (values[i]);
        }
    }

  g_string_truncate (m->text, 0);
}

static void
markup_end (GMarkupParseContext *context,
            const char          *element,
            gpointer             user_data,
            GError             **error)
{
  Markup *m = user_data;
  g_autofree char *path = markup_path (m);
  g_autofree char *text = g_strstrip (g_strdup (m->text->str));

  if (!g_hash_table_contains (m->texts, path))
    g_hash_table_insert (m->texts, g_strdup (path), g_strdup (text));

  if (g_str_equal (element, "file"))
    {
      const char *resource_name = m->file_alias != NULL ? m->file_alias : text;

      g_ptr_array_add (m->files, g_strdup_printf ("%s/%s\t%s", m->prefix, resource_name, text));
      g_clear_pointer (&m->file_alias, g_free);
    }

  g_ptr_array_remove_index (m->stack, m->stack->len - 1);
  g_string_truncate (m->text, 0);
}

static void
markup_text (GMarkupParseContext *context,
             const char          *text,
             gsize                len,
             gpointer             user_data,
             GError             **error)
{
  Markup *m = user_data;

  g_string_append_len (m->text, text, len);
}

static void
markup_free (Markup *m)
{
  g_free (m->root);
  g_hash_table_unref (m->attrs);
  g_hash_table_unref (m->texts);
  g_ptr_array_unref (m->files);
  g_ptr_array_unref (m->stack);
  g_string_free (m->text, TRUE);
  g_free (m->prefix);
  g_free (m->file_alias);
  g_free (m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Markup, markup_free)

/* Parses @data as XML; fails the test on malformed input. */
static Markup *
markup_parse (const char *data,
              gssize      len,
              const char *what)
{
  static const GMarkupParser parser = {
    .start_element = markup_start,
    .end_element = markup_end,
    .text = markup_text,
  };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Markup *m = g_new0 (Markup, 1);

  m->attrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->files = g_ptr_array_new_with_free_func (g_free);
  m->stack = g_ptr_array_new_with_free_func (g_free);
  m->text = g_string_new (NULL);

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, m, NULL);
  if (g_markup_parse_context_parse (context, data, len, &error))
    g_markup_parse_context_end_parse (context, &error);
  if (error != NULL)
    g_test_message ("%s: %s", what, error->message);
  g_assert_no_error (error);

  return m;
}

static Markup *
markup_parse_file (const char *path)
{
  g_autofree char *text = read_text (path);

  return markup_parse (text, -1, path);
}

/* ---- POTFILES.in and LINGUAS --------------------------------------------------------- */

static void
test_potfiles_exist (void)
{
  g_autofree char *potfiles = g_build_filename (source_root, "po", "POTFILES.in", NULL);
  g_autoptr(GPtrArray) entries = read_list (potfiles);

  g_assert_cmpuint (entries->len, >, 0);

  for (guint i = 0; i < entries->len; i++)
    {
      const char *entry = g_ptr_array_index (entries, i);
      g_autofree char *path = g_build_filename (source_root, entry, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_test_message ("POTFILES.in lists %s, which does not exist", entry);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

      /* Sorted and without duplicates, so that merges stay readable. */
      if (i > 0)
        g_assert_cmpstr (g_ptr_array_index (entries, i - 1), <, entry);
    }
}

static gboolean
has_translatable_strings (const char *path)
{
  g_autofree char *text = read_text (path);

  if (g_str_has_suffix (path, ".ui"))
    return strstr (text, "translatable=\"yes\"") != NULL;

  /* _(), N_(), C_() and NC_() all end in "_", with or without the GNU-style blank. */
  return strstr (text, "_(\"") != NULL || strstr (text, "_ (\"") != NULL ||
         strstr (text, "ngettext") != NULL;
}

static void
collect_translatable (const char *dir,
                      const char *relative,
                      GPtrArray  *found)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *rel = g_build_filename (relative, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_translatable (path, rel, found);
      else if ((g_str_has_suffix (name, ".c") || g_str_has_suffix (name, ".ui")) &&
               has_translatable_strings (path))
        g_ptr_array_add (found, g_steal_pointer (&rel));
    }
}

static void
test_potfiles_complete (void)
{
  g_autofree char *potfiles = g_build_filename (source_root, "po", "POTFILES.in", NULL);
  g_autofree char *src = g_build_filename (source_root, "src", NULL);
  g_autoptr(GPtrArray) entries = read_list (potfiles);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *data_files[] = {
    "data/" APP_ID ".desktop.in",
    "data/" APP_ID ".gschema.xml",
    "data/" APP_ID ".metainfo.xml.in",
  };
  guint missing = 0;

  collect_translatable (src, "src", found);
  for (guint i = 0; i < G_N_ELEMENTS (data_files); i++)
    g_ptr_array_add (found, g_strdup (data_files[i]));

  /* At least the window and its template have strings for people. */
  g_assert_true (list_contains (found, "src/ui/bo-window.ui"));
  g_assert_true (list_contains (found, "src/ui/bo-window.c"));

  for (guint i = 0; i < found->len; i++)
    {
      const char *file = g_ptr_array_index (found, i);

      if (!list_contains (entries, file))
        {
          g_test_message ("%s has translatable strings but is not in po/POTFILES.in", file);
          missing++;
        }
    }
  g_assert_cmpuint (missing, ==, 0);
}

static void
test_linguas (void)
{
  g_autofree char *linguas_path = g_build_filename (source_root, "po", "LINGUAS", NULL);
  g_autofree char *po_dir = g_build_filename (source_root, "po", NULL);
  g_autoptr(GPtrArray) linguas = read_list (linguas_path);
  g_autoptr(GDir) dir = g_dir_open (po_dir, 0, NULL);
  const char *name;

  g_assert_true (list_contains (linguas, "de"));
  g_assert_true (list_contains (linguas, "bs"));

  for (guint i = 0; i < linguas->len; i++)
    {
      g_autofree char *po = g_strdup_printf ("%s/%s.po", po_dir,
                                             (char *) g_ptr_array_index (linguas, i));

      g_assert_true (g_file_test (po, G_FILE_TEST_IS_REGULAR));
    }

  /* A translation that is not in LINGUAS is silently never built. */
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *code = NULL;

      if (!g_str_has_suffix (name, ".po"))
        continue;
      code = g_strndup (name, strlen (name) - 3);
      g_assert_true (list_contains (linguas, code));
    }
}

/* ---- the settings schema ------------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *type;
  const char *default_value;
} SchemaKey;

static const SchemaKey schema_keys[] = {
  { "database-path", "s", "''" },
  { "auto-lock-seconds", "u", "uint32 120" },
  { "kiosk-mode", "b", "false" },
  { "receipt-printer", "s", "''" },
  { "ticket-printer", "s", "''" },
  { "paper-width-mm", "u", "uint32 80" },
  { "print-qr-as-image", "b", "false" },
  { "server-url", "s", "''" },
  { "sync-interval-seconds", "u", "uint32 60" },
  { "gate-name", "s", "''" },
  { "scan-sound", "b", "true" },
  { "last-event-id", "x", "int64 0" },
  { "window-width", "i", "1024" },
  { "window-height", "i", "720" },
  { "window-maximized", "b", "false" },
};

static GSettingsSchema *
load_schema (void)
{
  g_autofree char *dir = g_build_filename (build_root, "data", NULL);
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GError) error = NULL;
  GSettingsSchema *schema;

  source = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
  g_assert_nonnull (schema);
  return schema;
}

static void
test_schema_keys (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  g_auto(GStrv) keys = g_settings_schema_list_keys (schema);

  g_assert_cmpstr (g_settings_schema_get_path (schema), ==, "/org/bilten/BoxOffice/");
  /* Every key is here and tested: a new key needs a line in schema_keys. */
  g_assert_cmpuint (g_strv_length (keys), ==, G_N_ELEMENTS (schema_keys));

  for (guint i = 0; i < G_N_ELEMENTS (schema_keys); i++)
    {
      const SchemaKey *expected = &schema_keys[i];
      g_autoptr(GSettingsSchemaKey) key = NULL;
      g_autoptr(GVariant) default_value = NULL;
      g_autoptr(GVariant) wanted = NULL;
      g_autofree char *printed = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("key %s", expected->name);
      g_assert_true (g_settings_schema_has_key (schema, expected->name));
      key = g_settings_schema_get_key (schema, expected->name);

      g_assert_cmpstr (g_variant_type_peek_string (g_settings_schema_key_get_value_type (key)),
                       ==, expected->type);

      default_value = g_settings_schema_key_get_default_value (key);
      wanted = g_variant_parse (G_VARIANT_TYPE (expected->type), expected->default_value,
                                NULL, NULL, &error);
      g_assert_no_error (error);
      printed = g_variant_print (default_value, TRUE);
      g_assert_cmpstr (printed, ==, expected->default_value);
      g_assert_true (g_variant_equal (default_value, wanted));

      /* Shown in dconf-editor and any future preferences: nothing may be left blank. */
      g_assert_cmpstr (g_settings_schema_key_get_summary (key), !=, NULL);
      g_assert_cmpstr (g_settings_schema_key_get_description (key), !=, NULL);
    }
}

static gboolean
in_range (GSettingsSchema *schema,
          const char      *name,
          GVariant        *value)
{
  g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, name);
  g_autoptr(GVariant) owned = g_variant_ref_sink (value);

  return g_settings_schema_key_range_check (key, owned);
}

static void
test_schema_ranges (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();

  g_assert_false (in_range (schema, "paper-width-mm", g_variant_new_uint32 (57)));
  g_assert_true (in_range (schema, "paper-width-mm", g_variant_new_uint32 (58)));
  g_assert_true (in_range (schema, "paper-width-mm", g_variant_new_uint32 (80)));
  g_assert_false (in_range (schema, "paper-width-mm", g_variant_new_uint32 (81)));

  g_assert_true (in_range (schema, "auto-lock-seconds", g_variant_new_uint32 (0)));
  g_assert_false (in_range (schema, "auto-lock-seconds", g_variant_new_uint32 (86401)));

  g_assert_false (in_range (schema, "sync-interval-seconds", g_variant_new_uint32 (0)));
  g_assert_true (in_range (schema, "sync-interval-seconds", g_variant_new_uint32 (5)));

  /* Event ids are server ids, which the API keeps below 2^32. */
  g_assert_false (in_range (schema, "last-event-id", g_variant_new_int64 (-1)));
  g_assert_true (in_range (schema, "last-event-id", g_variant_new_int64 (G_MAXUINT32)));
  g_assert_false (in_range (schema, "last-event-id", g_variant_new_int64 (G_MAXUINT32 + 1LL)));
}

/* ---- desktop entry and metainfo ------------------------------------------------------ */

static void
test_desktop_entry (void)
{
  g_autofree char *path = g_build_filename (build_root, "data", APP_ID ".desktop", NULL);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *comment_de = NULL;
  g_autofree char *comment_bs = NULL;
  g_auto(GStrv) categories = NULL;

  g_key_file_load_from_file (keyfile, path, G_KEY_FILE_KEEP_TRANSLATIONS, &error);
  g_assert_no_error (error);

  icon = g_key_file_get_string (keyfile, G_KEY_FILE_DESKTOP_GROUP, "Icon", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icon, ==, APP_ID);

  exec = g_key_file_get_string (keyfile, G_KEY_FILE_DESKTOP_GROUP, "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "bilten-boxoffice");

  categories = g_key_file_get_string_list (keyfile, G_KEY_FILE_DESKTOP_GROUP, "Categories",
                                           NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) categories, "Office"));

  /* The translations were merged in: German and Bosnian differ from the English text. */
  comment = g_key_file_get_string (keyfile, G_KEY_FILE_DESKTOP_GROUP, "Comment", &error);
  g_assert_no_error (error);
  comment_de = g_key_file_get_locale_string (keyfile, G_KEY_FILE_DESKTOP_GROUP, "Comment", "de",
                                             &error);
  g_assert_no_error (error);
  comment_bs = g_key_file_get_locale_string (keyfile, G_KEY_FILE_DESKTOP_GROUP, "Comment", "bs",
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comment_de, !=, comment);
  g_assert_cmpstr (comment_bs, !=, comment);
  g_assert_cmpstr (comment_de, !=, comment_bs);
}

static void
test_metainfo (void)
{
  g_autofree char *path = g_build_filename (build_root, "data", APP_ID ".metainfo.xml", NULL);
  g_autoptr(Markup) m = markup_parse_file (path);

  g_assert_cmpstr (m->root, ==, "component");
  g_assert_cmpstr (g_hash_table_lookup (m->attrs, "component@type"), ==, "desktop-application");
  g_assert_cmpstr (g_hash_table_lookup (m->texts, "component/id"), ==, APP_ID);
  g_assert_cmpstr (g_hash_table_lookup (m->texts, "component/launchable"), ==,
                   APP_ID ".desktop");
  g_assert_cmpstr (g_hash_table_lookup (m->texts, "component/project_license"), ==,
                   "GPL-3.0-or-later");

  /* The newest release comes first and must be the version being built. */
  g_assert_cmpstr (g_hash_table_lookup (m->attrs, "component/releases/release@version"), ==,
                   PACKAGE_VERSION);
}

/* ---- icons and UI resources ---------------------------------------------------------- */

static void
test_icons (void)
{
  const struct {
    const char *file;
    const char *view_box;
  } icons[] = {
    { "data/icons/hicolor/scalable/apps/" APP_ID ".svg", "0 0 128 128" },
    { "data/icons/hicolor/symbolic/apps/" APP_ID "-symbolic.svg", "0 0 16 16" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    {
      g_autofree char *path = g_build_filename (source_root, icons[i].file, NULL);
      g_autoptr(Markup) m = markup_parse_file (path);

      g_assert_cmpstr (m->root, ==, "svg");
      g_assert_cmpstr (g_hash_table_lookup (m->attrs, "svg@viewBox"), ==, icons[i].view_box);
    }
}

static void
test_ui_resources (void)
{
  g_autofree char *bundle = g_build_filename (build_root, "src", "ui", "bo-ui.gresource", NULL);
  g_autofree char *xml = g_build_filename (source_root, "src", "ui", "bo-ui.gresource.xml", NULL);
  g_autofree char *ui_dir = g_build_filename (source_root, "src", "ui", NULL);
  g_autoptr(GResource) resource = NULL;
  g_autoptr(Markup) manifest = NULL;
  g_autoptr(GPtrArray) listed_ui = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_ui = 0;

  if (!g_file_test (bundle, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the GUI is not part of this build");
      return;
    }

  resource = g_resource_load (bundle, &error);
  g_assert_no_error (error);

  manifest = markup_parse_file (xml);
  g_assert_cmpstr (manifest->root, ==, "gresources");
  g_assert_cmpuint (manifest->files->len, >, 0);

  for (guint i = 0; i < manifest->files->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (manifest->files, i), "\t", 2);
      const char *resource_path = parts[0];
      const char *file = parts[1];
      g_autoptr(GBytes) bytes = NULL;
      gsize size = 0;

      g_test_message ("resource %s", resource_path);
      g_assert_true (g_str_has_prefix (resource_path, RESOURCE_PREFIX "/"));
      g_assert_true (g_resource_get_info (resource, resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                          &size, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (size, >, 0);

      if (!g_str_has_suffix (file, ".ui"))
        continue;

      /* Each template parses and is a GtkBuilder document. */
      bytes = g_resource_lookup_data (resource, resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                      &error);
      g_assert_no_error (error);
      {
        gsize len;
        const char *data = g_bytes_get_data (bytes, &len);
        g_autoptr(Markup) ui = markup_parse (data, len, resource_path);

        g_assert_cmpstr (ui->root, ==, "interface");
      }

      g_ptr_array_add (listed_ui, g_strdup (file));
      n_ui++;
    }

  g_assert_cmpuint (n_ui, >=, 1);
  g_assert_true (list_contains (listed_ui, "bo-window.ui"));

  /* A .ui file beside the code that is missing from the manifest would fail only at run time. */
  dir = g_dir_open (ui_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_str_has_suffix (name, ".ui"))
        continue;
      if (!list_contains (listed_ui, name))
        g_test_message ("src/ui/%s is not listed in bo-ui.gresource.xml", name);
      g_assert_true (list_contains (listed_ui, name));
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  source_root = find_up (g_test_get_dir (G_TEST_DIST), "po/POTFILES.in");
  build_root = find_up (g_test_get_dir (G_TEST_BUILT), "meson-private");
  g_assert_nonnull (source_root);
  g_assert_nonnull (build_root);

  g_test_add_func ("/bo/data-files/potfiles/exist", test_potfiles_exist);
  g_test_add_func ("/bo/data-files/potfiles/complete", test_potfiles_complete);
  g_test_add_func ("/bo/data-files/linguas", test_linguas);
  g_test_add_func ("/bo/data-files/schema/keys", test_schema_keys);
  g_test_add_func ("/bo/data-files/schema/ranges", test_schema_ranges);
  g_test_add_func ("/bo/data-files/desktop-entry", test_desktop_entry);
  g_test_add_func ("/bo/data-files/metainfo", test_metainfo);
  g_test_add_func ("/bo/data-files/icons", test_icons);
  g_test_add_func ("/bo/data-files/ui-resources", test_ui_resources);

  ret = g_test_run ();

  g_free (source_root);
  g_free (build_root);
  return ret;
}
