/* test-flatpak.c — the Flatpak manifest builds only from pinned, checksummed sources
 *
 * Parses flatpak/org.bilten.BoxOffice.json as flatpak-builder would read it and checks what a
 * reviewer checks: the runtime is a numbered release, every module other than the app comes
 * from an archive with a sha256 (or git pinned to a commit), the app is built last from this
 * tree without its tests, and the sandbox is no wider than a box office needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <string.h>

static JsonObject *
load_manifest (JsonParser *parser)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "flatpak",
                                                 "org.bilten.BoxOffice.json", NULL);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
is_hex (const char *text,
        gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

static void
test_runtime_pinned (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  const char *version;

  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, "org.bilten.BoxOffice");
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, "bilten-boxoffice");
  /* A numbered release, never "master" or "nightly". */
  version = json_object_get_string_member (manifest, "runtime-version");
  g_assert_nonnull (version);
  for (const char *p = version; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p) || *p == '.');
}

static void
test_modules_checksummed (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  guint n = json_array_get_length (modules);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  JsonObject *app;
  JsonObject *app_source;
  JsonArray *opts;
  gboolean tests_off = FALSE;

  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i + 1 < n; i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);
      JsonArray *sources = json_object_get_array_member (module, "sources");

      g_ptr_array_add (names, (gpointer) json_object_get_string_member (module, "name"));
      g_assert_cmpuint (json_array_get_length (sources), >=, 1);
      for (guint k = 0; k < json_array_get_length (sources); k++)
        {
          JsonObject *source = json_array_get_object_element (sources, k);
          const char *type = json_object_get_string_member (source, "type");

          if (g_strcmp0 (type, "archive") == 0 || g_strcmp0 (type, "file") == 0)
            {
              g_assert_true (g_str_has_prefix (json_object_get_string_member (source, "url"),
                                               "https://"));
              g_assert_true (is_hex (json_object_get_string_member_with_default (source, "sha256",
                                                                                 NULL), 64));
            }
          else if (g_strcmp0 (type, "git") == 0)
            {
              g_assert_true (is_hex (json_object_get_string_member_with_default (source, "commit",
                                                                                 NULL), 40));
            }
          else
            {
              g_test_message ("module %s: unpinned source type %s",
                              json_object_get_string_member (module, "name"), type);
              g_assert_not_reached ();
            }
        }
    }

  /* What the GNOME runtime lacks and the core links. */
  for (guint i = 0; i < 3; i++)
    {
      const char *needed[] = { "libsodium", "libqrencode", "libusb" };

      g_assert_true (g_ptr_array_find_with_equal_func (names, needed[i], g_str_equal, NULL));
    }

  /* The app last, from this tree, without tests (they need servers the sandbox lacks). */
  app = json_array_get_object_element (modules, n - 1);
  g_assert_cmpstr (json_object_get_string_member (app, "name"), ==, "bilten-boxoffice");
  g_assert_cmpstr (json_object_get_string_member (app, "buildsystem"), ==, "meson");
  app_source = json_array_get_object_element (json_object_get_array_member (app, "sources"), 0);
  g_assert_cmpstr (json_object_get_string_member (app_source, "type"), ==, "dir");
  g_assert_cmpstr (json_object_get_string_member (app_source, "path"), ==, "..");
  opts = json_object_get_array_member (app, "config-opts");
  for (guint i = 0; i < json_array_get_length (opts); i++)
    tests_off |= g_strcmp0 (json_array_get_string_element (opts, i), "-Dtests=false") == 0;
  g_assert_true (tests_off);
}

static void
test_sandbox_narrow (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  JsonArray *args = json_object_get_array_member (manifest, "finish-args");
  gboolean network = FALSE, cups = FALSE;

  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      network |= g_str_equal (arg, "--share=network");
      cups |= g_str_equal (arg, "--socket=cups");
      /* No home or host files, no session-wide escapes. */
      g_assert_false (g_str_has_prefix (arg, "--filesystem"));
      g_assert_false (g_str_equal (arg, "--socket=session-bus"));
      g_assert_false (g_str_equal (arg, "--socket=system-bus"));
      g_assert_false (g_str_has_prefix (arg, "--talk-name=org.freedesktop.Flatpak"));
    }
  g_assert_true (network);
  g_assert_true (cups);
  g_assert_true (json_object_has_member (manifest, "cleanup"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bo/flatpak/runtime-pinned", test_runtime_pinned);
  g_test_add_func ("/bo/flatpak/modules-checksummed", test_modules_checksummed);
  g_test_add_func ("/bo/flatpak/sandbox-narrow", test_sandbox_narrow);

  return g_test_run ();
}
