package io.kongexporter.bench;

import com.sun.net.httpserver.HttpServer;
import io.kongfixtures.Fixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fleet of simulated Kong nodes for benchmarks, run as its own process: {@code FakeFleet <nodes> <hangPercent>}.
 * Every node is a real HTTP server on its own loopback port serving a Kong 3.9 {@code /status} and {@code /};
 * the hanging ones accept TCP connections (the kernel's backlog) and never answer. Prints
 * {@code READY <port>[h],<port>[h],...} once listening (h marks a hanging node), then runs until killed.
 */
public final class FakeFleet {
    private FakeFleet() {}

    public static void main(String[] args) throws IOException {
        int nodes = Integer.parseInt(args[0]);
        int hangPercent = Integer.parseInt(args[1]);
        byte[] status = Fixtures.adminApi("status-3.9-postgres-unit-b.json");
        byte[] root = Fixtures.adminApi("root-3.9.json");
        ExecutorService executor = Executors.newFixedThreadPool(4);
        List<String> ports = new ArrayList<>();
        List<Object> keepAlive = new ArrayList<>();
        int hangEvery = hangPercent <= 0 ? Integer.MAX_VALUE : 100 / hangPercent;
        for (int i = 0; i < nodes; i++) {
            if (i % hangEvery == hangEvery - 1) {
                ServerSocket hanging = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
                keepAlive.add(hanging);
                ports.add(hanging.getLocalPort() + "h");
                continue;
            }
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                byte[] body = path.equals("/status") ? status : path.equals("/") ? root : "{\"message\":\"Not found\"}".getBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(body == status || body == root ? 200 : 404, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            keepAlive.add(server);
            ports.add(Integer.toString(server.getAddress().getPort()));
        }
        System.out.println("READY " + String.join(",", ports));
        System.out.flush();
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
