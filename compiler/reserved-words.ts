/**
 * The words the OpenSIPS 3.6 lexer reserves (spec §1.5). Flex prefers a keyword over an identifier of
 * the same length, so none of these can be a bare function name, route name or hostname label.
 */

/** Names of core global parameters; each is its own keyword token in cfg.lex. */
export const GLOBAL_PARAMETER_WORDS: ReadonlySet<string> = new Set(
  `debug_mode udp_workers tcp_workers timer_workers chroot workdir wdir disable_core_dump open_files_limit
  enable_asserts abort_on_assert log_level log_prefix log_stdout log_stderror stderror_enabled syslog_enabled
  log_event_enabled stderror_level_filter syslog_level_filter log_event_level_filter stderror_log_format
  syslog_log_format log_json_buf_size log_msg_buf_size log_facility syslog_facility log_name syslog_name listen
  socket alias auto_aliases dns rev_dns dns_try_ipv6 dns_try_naptr dns_retr_time dns_retr_no dns_servers_no
  dns_use_search_list maxbuffer check_via shm_hash_split_percentage shm_secondary_hash_size mem_warming
  mem_warming_enabled mem_warming_pattern_file mem_warming_percentage restart_persistency_cache_file
  restart_persistency_size memlog mem_log memdump mem_dump shm_memlog_size execmsgthreshold exec_msg_threshold
  execdnsthreshold exec_dns_threshold tcpthreshold tcp_threshold event_shm_threshold event_pkg_threshold
  query_buffer_size query_flush_time sip_warning server_signature server_header user_agent_header mhomed
  poll_method tcp_accept_aliases tcp_connect_timeout tcp_connection_lifetime tcp_socket_backlog
  tcp_max_connections tcp_no_new_conn_bflag tcp_no_new_conn_rplflag tcp_keepalive tcp_keepcount tcp_keepidle
  tcp_keepinterval tcp_max_msg_time tcp_parallel_read_on_workers advertised_address advertised_port
  mcast_loopback mcast_ttl tos disable_dns_failover disable_dns_blacklist dst_blacklist max_while_loops
  disable_stateless_fwd db_version_table db_default_url db_max_async_connections disable_503_translation
  auto_scaling_profile auto_scaling_cycle pv_print_buf_size xlog_buf_size xlog_force_color xlog_print_level
  xlog_level mpath`.split(/\s+/),
);

/** Value words with no statement meaning: socket options, blacklist flags, `any`. */
export const VALUE_WORDS: ReadonlySet<string> = new Set(
  "any anycast ANYCAST frag FRAG reuse_port REUSE_PORT accept_subdomain ACCEPT_SUBDOMAIN readonly expire tag".split(" "),
);

/** Boolean words lexed as the NUMBER 1 / 0 everywhere. */
export const BOOLEAN_WORDS: ReadonlyMap<string, number> = new Map([
  ["yes", 1],
  ["true", 1],
  ["on", 1],
  ["enable", 1],
  ["no", 0],
  ["false", 0],
  ["off", 0],
  ["disable", 0],
]);

/**
 * Socket / auto-scaling sub-option words that are keywords only with a blank on both sides
 * (cfg.lex matches them as `{EAT_ABLE}word{EAT_ABLE}`; a newline is not an EAT_ABLE blank).
 */
export const BLANK_DELIMITED_WORDS: ReadonlySet<string> = new Set([
  "as",
  "AS",
  "use_workers",
  "USE_WORKERS",
  "use_auto_scaling_profile",
  "USE_AUTO_SCALING_PROFILE",
  "on",
  "ON",
]);

/** 2.x core functions the 2.4 grammar also accepts without parentheses (`force_rport;`). */
export const LEGACY_NO_PARENS_FUNCTIONS: ReadonlySet<string> = new Set([
  "add_local_rport",
  "add_rport",
  "add_tcp_alias",
  "append_branch",
  "force_local_rport",
  "force_rport",
  "force_tcp_alias",
  "isdsturiset",
  "isduriset",
  "resetdsturi",
  "resetduri",
  "revert_uri",
]);

/** 1.x/2.x core keywords usable on the left of a condition (`method == "INVITE"`); gone in 3.x. */
export const LEGACY_CONDITION_WORDS: ReadonlySet<string> = new Set([
  "method",
  "uri",
  "from_uri",
  "to_uri",
  "src_ip",
  "dst_ip",
  "src_port",
  "dst_port",
  "proto",
  "af",
  "status",
]);
