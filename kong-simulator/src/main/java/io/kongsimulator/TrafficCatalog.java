package io.kongsimulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Kong configuration the demo traffic runs through: 8 services, 30 routes and 50 consumers,
 * the same on every run (ids derive from names). {@code inventory-api} is the slow, error-prone
 * legacy service; {@code catalog-api}, {@code users-login} and {@code chat-ws} are public, all other
 * routes run key-auth.
 */
public final class TrafficCatalog {

    /** Clients behind the load balancer come from here and get an {@code x-forwarded-for}. */
    static final String LOAD_BALANCER_SUBNET = "10.0.12.";

    private static final int KEY_AUTH = 1;
    private static final int ACL = 2;
    private static final int LISTING = 4;
    private static final long CREATED = 1_748_994_211L;
    private static final List<String> HTTP_PROTOCOLS = List.of("http", "https");
    private static final String[] COMPANIES = {
            "acme", "globex", "initech", "umbrella", "stark", "wayne", "wonka", "tyrell", "cyberdyne", "hooli"};
    private static final String[] BRANCHES = {"logistics", "retail", "eu", "us"};
    private static final String[] PARTNER_AGENTS = {
            "Java-http-client/17.0.11", "python-requests/2.32.3", "Go-http-client/2.0", "axios/1.7.2",
            "Apache-HttpClient/5.3.1 (Java/21.0.3)", "curl/8.5.0"};

    private static final TrafficCatalog STANDARD = new TrafficCatalog();

    private final List<ServiceEntity> services = new ArrayList<>();
    private final List<RouteUsage> routes = new ArrayList<>();
    private final List<ConsumerUsage> consumers = new ArrayList<>();

    private TrafficCatalog() {
        ServiceEntity orders = service("orders-api", "orders.internal.svc", 8080, "/v2", 5, 60_000, "team-commerce");
        route(orders, "orders-list", "GET", "/orders", 9, 38, KEY_AUTH | LISTING,
                "", "", "page=2", "status=open&status=shipped&page=2", "limit=50&sort=-created_at");
        route(orders, "orders-get", "GET", "/orders/{id}", 12, 38, KEY_AUTH, "", "", "expand=items");
        route(orders, "orders-create", "POST", "/orders", 4, 38, KEY_AUTH, "");
        route(orders, "orders-cancel", "POST", "/orders/{id}/cancel", 0.8, 38, KEY_AUTH, "");
        route(orders, "orders-search", "GET", "/orders/search", 2, 38, KEY_AUTH | LISTING,
                "q=shoes", "q=jacket&status=open", "customer=4711&debug");
        ServiceEntity payments = service("payments-api", "payments.internal.svc", 8443, "/api", 2, 30_000,
                "team-payments", "pci");
        route(payments, "payments-create", "POST", "/payments", 3, 95, KEY_AUTH | ACL, "");
        route(payments, "payments-get", "GET", "/payments/{id}", 4, 95, KEY_AUTH | ACL, "");
        route(payments, "payments-refund", "POST", "/payments/{id}/refunds", 0.5, 95, KEY_AUTH | ACL, "");
        route(payments, "payment-methods", "GET", "/payment-methods", 2, 95, KEY_AUTH, "", "country=DE");
        ServiceEntity catalog = service("catalog-api", "catalog.internal.svc", 8080, null, 5, 60_000, "team-catalog");
        route(catalog, "products-list", "GET", "/products", 10, 18, LISTING,
                "", "category=shoes&page=1", "category=jackets&page=3", "sort=price&limit=48");
        route(catalog, "products-get", "GET", "/products/{id}", 14, 18, 0, "", "", "currency=EUR");
        route(catalog, "products-search", "GET", "/search", 5, 18, LISTING, "q=boots", "q=raincoat&size=M");
        route(catalog, "categories-list", "GET", "/categories", 3, 18, LISTING, "");
        ServiceEntity users = service("users-api", "users.internal.svc", 8080, "/v1", 5, 60_000, "team-identity");
        route(users, "users-me", "GET", "/users/me", 6, 25, KEY_AUTH, "");
        route(users, "users-get", "GET", "/users/{id}", 2, 25, KEY_AUTH, "");
        route(users, "users-update", "PATCH", "/users/{id}", 1, 25, KEY_AUTH | ACL, "");
        route(users, "users-login", "POST", "/login", 2, 25, 0, "");
        ServiceEntity inventory = service("inventory-api", "inventory-legacy.internal.svc", 8080, "/rest", 1,
                5_000, "team-warehouse", "legacy");
        route(inventory, "inventory-get", "GET", "/inventory/{id}", 5, 180, KEY_AUTH, "", "warehouse=fra1");
        route(inventory, "inventory-reserve", "POST", "/inventory/{id}/reservations", 2, 180, KEY_AUTH, "");
        route(inventory, "inventory-release", "DELETE", "/inventory/reservations/{id}", 1, 180, KEY_AUTH, "");
        route(inventory, "stock-levels", "GET", "/stock-levels", 2, 180, KEY_AUTH | LISTING,
                "", "warehouse=fra1", "warehouse=ams2&low");
        ServiceEntity shipping = service("shipping-api", "shipping.internal.svc", 8080, "/v3", 5, 60_000,
                "team-logistics");
        route(shipping, "shipments-create", "POST", "/shipments", 1.5, 60, KEY_AUTH, "");
        route(shipping, "shipments-get", "GET", "/shipments/{id}", 2.5, 60, KEY_AUTH, "");
        route(shipping, "shipping-rates", "GET", "/shipping/rates", 2, 60, KEY_AUTH, "country=DE", "country=FR&express");
        route(shipping, "tracking-get", "GET", "/tracking/{id}", 3, 60, KEY_AUTH, "");
        ServiceEntity notifications = service("notifications-api", "notify.internal.svc", 8080, null, 3, 60_000,
                "team-platform");
        route(notifications, "notifications-list", "GET", "/notifications", 3, 30, KEY_AUTH | LISTING, "", "unread");
        route(notifications, "notifications-send", "POST", "/notifications", 1, 30, KEY_AUTH, "");
        route(notifications, "preferences-get", "GET", "/notification-preferences", 1, 30, KEY_AUTH, "");
        route(notifications, "preferences-update", "PUT", "/notification-preferences", 0.5, 30, KEY_AUTH, "");
        ServiceEntity chat = new ServiceEntity(id("chat-ws"), "chat-ws", "chat.internal.svc", 9000, "http", null, 0,
                60_000, 3_600_000, 3_600_000, CREATED + 189, CREATED + 189, null);
        services.add(chat);
        routes.add(new RouteUsage(new RouteEntity(id("route:chat-socket"), "chat-socket", chat.id(),
                List.of("/ws/chat"), null, HTTP_PROTOCOLS, false, true, CREATED + 209, CREATED + 209, null),
                chat, "GET", "/ws/chat", "", false, List.of("room=support", "room=sales", "room=general"),
                0.6, false, false, false, 101, 12, 0.5, 0));
        addConsumers();
    }

    /** The catalog every demo and benchmark uses. */
    public static TrafficCatalog standard() {
        return STANDARD;
    }

    public List<ServiceEntity> services() {
        return List.copyOf(services);
    }

    public List<RouteEntity> routes() {
        return routes.stream().map(RouteUsage::route).toList();
    }

    public List<ConsumerEntity> consumers() {
        return consumers.stream().map(ConsumerUsage::entity).toList();
    }

    List<RouteUsage> routeUsages() {
        return List.copyOf(routes);
    }

    List<ConsumerUsage> consumerUsages() {
        return List.copyOf(consumers);
    }

    private ServiceEntity service(String name, String host, int port, String path, int retries, int readTimeout,
                                  String... tags) {
        int n = services.size();
        ServiceEntity service = new ServiceEntity(id(name), name, host, port, port == 8443 ? "https" : "http", path,
                retries, 60_000, readTimeout, 60_000, CREATED + n * 3_600L, CREATED + 817_793L + n * 60L,
                List.of(tags));
        services.add(service);
        return service;
    }

    /** A route whose {@code {id}} in the path template stands for a numeric id. */
    private void route(ServiceEntity service, String name, String method, String template, double weight,
                       double medianMs, int flags, String... queries) {
        int id = template.indexOf("{id}");
        String head = id < 0 ? template : template.substring(0, id);
        String tail = id < 0 ? "" : template.substring(id + 4);
        String matched = id < 0 ? template : head.substring(0, head.length() - 1);
        boolean inventory = service.name().equals("inventory-api");
        int okStatus = method.equals("DELETE") ? 204 : method.equals("POST") && tail.isEmpty() ? 201 : 200;
        boolean listing = (flags & LISTING) != 0;
        RouteEntity route = new RouteEntity(id("route:" + name), name, service.id(), List.of(matched),
                List.of(method), HTTP_PROTOCOLS, false, false, CREATED + 19 + routes.size() * 7L,
                CREATED + 19 + routes.size() * 7L, List.of());
        routes.add(new RouteUsage(route, service, method, head, tail, id >= 0, List.of(queries), weight,
                (flags & KEY_AUTH) != 0, (flags & ACL) != 0, listing, okStatus,
                listing ? medianMs * 1.8 : medianMs, inventory ? 0.9 : 0.6, inventory ? 6 : 1));
    }

    /** 10 first-party clients, then 40 partners; the first ones call the most (Zipf). */
    private void addConsumers() {
        addConsumer("mobile-app", "cust-4711", "okhttp/4.12.0", null, "first-party", "tier-gold");
        addConsumer("web-frontend", null, "node-fetch/3.3.2", null, "first-party");
        addConsumer("ios-app", "cust-4712", "ShopApp/5.12.1 CFNetwork/1494.0.7 Darwin/23.4.0", null, "first-party");
        addConsumer("android-app", "cust-4713", "ShopApp-Android/5.12.0 okhttp/4.11.0", null, "first-party");
        addConsumer("checkout-service", null, "Java-http-client/21.0.3", "10.1.4.21", "internal");
        addConsumer("search-indexer", null, "python-requests/2.32.3", "10.1.4.37", "internal");
        addConsumer("backoffice", null, "axios/1.7.2", "10.1.4.52", "internal");
        addConsumer("reporting-job", null, "Apache-HttpClient/5.3.1 (Java/21.0.3)", "10.1.4.60", "internal");
        addConsumer("admin-portal", null, "node-fetch/3.3.2", null, "internal");
        addConsumer("support-desk", "cust-4720", "Go-http-client/2.0", "10.1.4.75", "internal");
        int n = 0;
        for (String company : COMPANIES) {
            for (String branch : BRANCHES) {
                String tier = n % 5 == 0 ? "tier-gold" : n % 2 == 0 ? "tier-silver" : "tier-bronze";
                addConsumer("partner-" + company + "-" + branch, n % 2 == 0 ? "crm-" + (10_120 + n * 37) : null,
                        PARTNER_AGENTS[n % PARTNER_AGENTS.length], "198.51.100." + (10 + n * 5), "partner", tier);
                n++;
            }
        }
    }

    private void addConsumer(String username, String customId, String userAgent, String address, String... tags) {
        SplittableRandom random = new SplittableRandom(Noise.salt("consumer:" + username));
        String prefix = username.replace("partner-", "").substring(0, 3);
        String apiKey = prefix + "-" + Long.toHexString(random.nextLong() | Long.MIN_VALUE).substring(0, 10);
        ConsumerEntity entity = new ConsumerEntity(id("consumer:" + username), username, customId,
                1_747_300_112L + consumers.size() * 86_400L, List.of(tags), Noise.uuid(random).toString(), apiKey,
                userAgent);
        consumers.add(new ConsumerUsage(entity, 1.0 / (consumers.size() + 1), address));
    }

    private static String id(String name) {
        return Noise.uuid(new SplittableRandom(Noise.salt(name))).toString();
    }
}
