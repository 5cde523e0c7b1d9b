/* banned.h: functions motcua never calls (STYLE.md), poisoned so that a use fails to
 * compile. The build force-includes this header first in every translation unit; it
 * includes the C library headers that declare the banned names before poisoning them, so
 * that only uses in motcua's own code are errors. scripts/check-banned checks again. */
#ifndef MOTCUA_BANNED_H
#define MOTCUA_BANNED_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* libxlsxwriter's headers define macros that name strncpy: the one file that uses them
 * (io/xlsx.c, built with this define) gets them before the poison. */
#ifdef MOTCUA_XLSX_TU
#include <xlsxwriter.h>
#endif
/* OpenSSL's headers name rand as a parameter: util/sign.c, built with this define, reads them
 * before the poison. */
#ifdef MOTCUA_OPENSSL_TU
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#endif

#pragma GCC poison sprintf vsprintf strcpy strcat strncpy strncat gets strtok atoi atol
#pragma GCC poison system popen localtime gmtime rand

#endif
