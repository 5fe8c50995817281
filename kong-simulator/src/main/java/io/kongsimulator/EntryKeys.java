package io.kongsimulator;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/** The keys of an http-log entry, pre-encoded once so that writing one is a byte copy. */
final class EntryKeys {

    static final SerializableString AUTHENTICATED_ENTITY = key("authenticated_entity");
    static final SerializableString CLIENT_IP = key("client_ip");
    static final SerializableString CONNECTION_TYPE = key("connection_type");
    static final SerializableString CONSUMER = key("consumer");
    static final SerializableString LATENCIES = key("latencies");
    static final SerializableString REQUEST = key("request");
    static final SerializableString RESPONSE = key("response");
    static final SerializableString ROUTE = key("route");
    static final SerializableString SERVICE = key("service");
    static final SerializableString SOURCE = key("source");
    static final SerializableString STARTED_AT = key("started_at");
    static final SerializableString TRIES = key("tries");
    static final SerializableString UPGRADE = key("upgrade");
    static final SerializableString UPSTREAM_STATUS = key("upstream_status");
    static final SerializableString UPSTREAM_URI = key("upstream_uri");
    static final SerializableString WORKSPACE = key("workspace");
    static final SerializableString WORKSPACE_NAME = key("workspace_name");

    static final SerializableString ID = key("id");
    static final SerializableString KONG = key("kong");
    static final SerializableString PROXY = key("proxy");
    static final SerializableString RECEIVE = key("receive");
    static final SerializableString HEADERS = key("headers");
    static final SerializableString METHOD = key("method");
    static final SerializableString QUERYSTRING = key("querystring");
    static final SerializableString SIZE = key("size");
    static final SerializableString STATUS = key("status");
    static final SerializableString TLS = key("tls");
    static final SerializableString CIPHER = key("cipher");
    static final SerializableString CLIENT_VERIFY = key("client_verify");
    static final SerializableString VERSION = key("version");
    static final SerializableString URI = key("uri");
    static final SerializableString URL = key("url");

    static final SerializableString BALANCER_LATENCY = key("balancer_latency");
    static final SerializableString BALANCER_LATENCY_NS = key("balancer_latency_ns");
    static final SerializableString BALANCER_START = key("balancer_start");
    static final SerializableString BALANCER_START_NS = key("balancer_start_ns");
    static final SerializableString CODE = key("code");
    static final SerializableString IP = key("ip");
    static final SerializableString PORT = key("port");
    static final SerializableString STATE = key("state");

    static final SerializableString ACCEPT = key("accept");
    static final SerializableString ACCEPT_ENCODING = key("accept-encoding");
    static final SerializableString APIKEY = key("apikey");
    static final SerializableString CONNECTION = key("connection");
    static final SerializableString CONTENT_ENCODING = key("content-encoding");
    static final SerializableString CONTENT_LENGTH = key("content-length");
    static final SerializableString CONTENT_TYPE = key("content-type");
    static final SerializableString DATE = key("date");
    static final SerializableString ETAG = key("etag");
    static final SerializableString HOST = key("host");
    static final SerializableString LOCATION = key("location");
    static final SerializableString ORIGIN = key("origin");
    static final SerializableString RATELIMIT_LIMIT = key("ratelimit-limit");
    static final SerializableString RATELIMIT_REMAINING = key("ratelimit-remaining");
    static final SerializableString RATELIMIT_RESET = key("ratelimit-reset");
    static final SerializableString RETRY_AFTER = key("retry-after");
    static final SerializableString SEC_WEBSOCKET_ACCEPT = key("sec-websocket-accept");
    static final SerializableString SEC_WEBSOCKET_EXTENSIONS = key("sec-websocket-extensions");
    static final SerializableString SEC_WEBSOCKET_KEY = key("sec-websocket-key");
    static final SerializableString SEC_WEBSOCKET_VERSION = key("sec-websocket-version");
    static final SerializableString SERVER = key("server");
    static final SerializableString USER_AGENT = key("user-agent");
    static final SerializableString VIA = key("via");
    static final SerializableString WWW_AUTHENTICATE = key("www-authenticate");
    static final SerializableString X_CONSUMER_CUSTOM_ID = key("x-consumer-custom-id");
    static final SerializableString X_CONSUMER_ID = key("x-consumer-id");
    static final SerializableString X_CONSUMER_USERNAME = key("x-consumer-username");
    static final SerializableString X_CREDENTIAL_IDENTIFIER = key("x-credential-identifier");
    static final SerializableString X_FORWARDED_FOR = key("x-forwarded-for");
    static final SerializableString X_KONG_PROXY_LATENCY = key("x-kong-proxy-latency");
    static final SerializableString X_KONG_REQUEST_ID = key("x-kong-request-id");
    static final SerializableString X_KONG_RESPONSE_LATENCY = key("x-kong-response-latency");
    static final SerializableString X_KONG_UPSTREAM_LATENCY = key("x-kong-upstream-latency");
    static final SerializableString X_RATELIMIT_LIMIT_MINUTE = key("x-ratelimit-limit-minute");
    static final SerializableString X_RATELIMIT_REMAINING_MINUTE = key("x-ratelimit-remaining-minute");

    private EntryKeys() {
    }

    private static SerializableString key(String name) {
        return new SerializedString(name);
    }
}
