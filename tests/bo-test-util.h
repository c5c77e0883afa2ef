/* bo-test-util.h — shared fixtures for the test suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "domain/bo-operator.h"

G_BEGIN_DECLS

/* A fresh temporary folder, removed (with everything in it) by bo_test_rm_rf(). */
char      *bo_test_make_tmpdir (void);
void       bo_test_rm_rf       (const char *path);

/* A store in a fresh file inside @dir, its device, and (optionally) the demo catalogue with
 * its two operators (Cashier 1234, Manager 9999). */
typedef struct {
  char       *dir;
  char       *path;
  BoStore    *store;
  BoDevice   *device;
  BoOperator *cashier;
  BoOperator *manager;
} BoTestFixture;

void       bo_test_fixture_setup    (BoTestFixture *fx,
                                     gconstpointer  with_demo);
void       bo_test_fixture_teardown (BoTestFixture *fx,
                                     gconstpointer  with_demo);

/* Runs one SQL query returning one integer (asserts it works). */
gint64     bo_test_query_int        (BoStore    *store,
                                     const char *sql);

/* Runs @sql (any number of statements, no results) on @store; asserts it works. */
void       bo_test_exec             (BoStore    *store,
                                     const char *sql);

/* Pins the project's clock (bo_time_now) at @iso ("2026-03-01T19:00:00Z") through
 * BILTEN_BOXOFFICE_FAKE_NOW; NULL lets it run again. */
void       bo_test_pin_clock        (const char *iso);

/* A shift as a restore or an import leaves it: row @id, opened by the fixture's cashier at
 * @opened_at, closed by its manager at @closed_at, no money, a fresh uuid. */
void       bo_test_insert_closed_shift (BoTestFixture *fx,
                                        gint64         id,
                                        const char    *opened_at,
                                        const char    *closed_at);

/* Path of the CLI under test ($BO_CLI, set by meson). */
const char *bo_test_cli_path        (void);

/* Runs the CLI with @argv (NULL-terminated, without the program name); returns the exit status
 * and fills stdout/stderr. */
int        bo_test_run_cli          (const char * const *argv,
                                     char              **out_stdout,
                                     char              **out_stderr);

G_END_DECLS
