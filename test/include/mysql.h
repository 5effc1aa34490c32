/* memlint mock of the MySQL / MariaDB C API (mysql.h): just the calls the
   rule packs name, with their real signatures. See README.md. */
#ifndef _MEMLINT_MOCK_MYSQL_H
#define _MEMLINT_MOCK_MYSQL_H

#pragma GCC system_header

#ifdef __cplusplus
extern "C" {
#endif
typedef struct st_mysql MYSQL;
typedef struct st_mysql_res MYSQL_RES;
typedef char **MYSQL_ROW;
int mysql_query(MYSQL *mysql, const char *q);
int mysql_real_query(MYSQL *mysql, const char *q, unsigned long length);
MYSQL_RES *mysql_store_result(MYSQL *mysql);
MYSQL_RES *mysql_use_result(MYSQL *mysql);
MYSQL_ROW mysql_fetch_row(MYSQL_RES *result);
void mysql_free_result(MYSQL_RES *result);
#ifdef __cplusplus
}
#endif

#endif
