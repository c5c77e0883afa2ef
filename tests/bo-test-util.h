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

/* Path of the CLI under test ($BO_CLI, set by meson). */
const char *bo_test_cli_path        (void);

/* Runs the CLI with @argv (NULL-terminated, without the program name); returns the exit status
 * and fills stdout/stderr. */
int        bo_test_run_cli          (const char * const *argv,
                                     char              **out_stdout,
                                     char              **out_stderr);

G_END_DECLS
