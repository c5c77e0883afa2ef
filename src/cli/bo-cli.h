/* bo-cli.h — shared state and helpers of the bilten-boxoffice-cli commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "domain/bo-operator.h"
#include "domain/bo-shift.h"

G_BEGIN_DECLS

#define BO_CLI_PROGRAM "bilten-boxoffice-cli"

#define BO_CLI_ERROR (bo_cli_error_quark ())

typedef enum {
  BO_CLI_ERROR_USAGE,   /* bad command line: exit status 2 */
  BO_CLI_ERROR_FAILED,
} BoCliError;

/* Exit statuses, documented in --help. */
#define BO_CLI_EXIT_OK     0
#define BO_CLI_EXIT_FAILED 1
#define BO_CLI_EXIT_USAGE  2

typedef struct {
  char       *db_path;     /* --db, or NULL for bo_store_default_path() */
  gboolean    json;        /* --json */
  BoStore    *store;       /* opened on demand by bo_cli_open_store() */
  BoDevice   *device;
  JsonObject *error_extra; /* members a command adds to its JSON error object */
} BoCliContext;

/* A command: parses its own options from @argv (argv[0] is the command name) and prints its
 * result; FALSE with @error on failure (printed by main). */
typedef gboolean (*BoCliCommandFunc) (BoCliContext *ctx,
                                      int           argc,
                                      char        **argv,
                                      GError      **error);

typedef struct {
  const char       *name;
  BoCliCommandFunc  func;
  const char       *summary; /* N_() */
} BoCliCommand;

GQuark          bo_cli_error_quark       (void);

/* Runs the subcommand named by argv[1] of command group @group ("shift", …) from the
 * NULL-terminated @commands, or prints the group's help for "--help". */
gboolean        bo_cli_run_subcommand    (BoCliContext       *ctx,
                                          const char         *group,
                                          const BoCliCommand *commands,
                                          int                 argc,
                                          char              **argv,
                                          GError            **error);

/* A GOptionContext for "bilten-boxoffice-cli @command …" with @entries, and the global
 * options (--db, --json) accepted after the command too. */
GOptionContext *bo_cli_option_context_new (BoCliContext       *ctx,
                                           const char         *command,
                                           const char         *parameter_string,
                                           const char         *summary,
                                           const GOptionEntry *entries);

/* Parses; every failure is a usage error (BO_CLI_ERROR_USAGE). */
gboolean        bo_cli_parse_options     (GOptionContext *octx,
                                          int            *argc,
                                          char         ***argv,
                                          GError        **error);

/* Parses options and refuses positional arguments. */
gboolean        bo_cli_parse_no_arguments (GOptionContext *octx,
                                           int            *argc,
                                           char         ***argv,
                                           GError        **error);

/* Sets a usage error. Always returns FALSE. */
gboolean        bo_cli_usage_error       (GError    **error,
                                          const char *format,
                                          ...) G_GNUC_PRINTF (2, 3);

/* Parses a whole base-10 integer (optional sign) in [@min, @max] for option @option. */
gboolean        bo_cli_parse_int         (const char *text,
                                          const char *option,
                                          gint64      min,
                                          gint64      max,
                                          gint64     *out_value,
                                          GError    **error);

/* Opens the store at ctx->db_path (or the default path) and loads the device. */
gboolean        bo_cli_open_store        (BoCliContext *ctx,
                                          GError      **error);

/* Logs in with @pin given through option @option (usage error when it is missing). */
BoOperator     *bo_cli_login             (BoCliContext *ctx,
                                          const char   *pin,
                                          const char   *option,
                                          GError      **error);
/* The same for a manager's approval (bo_operator_login_approver: managers' PINs first). */
BoOperator     *bo_cli_login_approver    (BoCliContext *ctx,
                                          const char   *pin,
                                          const char   *option,
                                          GError      **error);

/* Currency for amounts that carry none (shift figures): the first event's, else "EUR". */
char           *bo_cli_default_currency  (BoCliContext *ctx);

/* A shift as a JSON object (bo-cli-shift.c). */
void            bo_cli_build_shift       (JsonBuilder *builder,
                                          BoShift     *shift);

/* Commands (one file per group). */
gboolean bo_cli_cmd_demo     (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_events   (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_status   (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_operator (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_shift    (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_sell     (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_refund   (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_void     (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_order    (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_orders   (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_checkin  (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_journal  (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_report   (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_register (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_sync     (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_printers (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_print    (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_print_test (BoCliContext *ctx, int argc, char **argv, GError **error);
gboolean bo_cli_cmd_print_queue (BoCliContext *ctx, int argc, char **argv, GError **error);

G_END_DECLS
