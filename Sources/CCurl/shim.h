// libcurl (Debian: libcurl4-openssl-dev). curl_easy_setopt is variadic, which Swift cannot call,
// so each option type gets a small typed wrapper here.
#ifndef SPOTTER_CCURL_SHIM_H
#define SPOTTER_CCURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*spotter_curl_data_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*spotter_curl_progress_cb)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                        curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode spotter_curl_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode spotter_curl_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode spotter_curl_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode spotter_curl_setopt_offset(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode spotter_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode spotter_curl_setopt_data_cb(CURL *h, CURLoption o, spotter_curl_data_cb v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode spotter_curl_setopt_progress_cb(CURL *h, spotter_curl_progress_cb v) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, v);
}
static inline CURLcode spotter_curl_getinfo_long(CURL *h, CURLINFO i, long *v) {
    return curl_easy_getinfo(h, i, v);
}
#endif
