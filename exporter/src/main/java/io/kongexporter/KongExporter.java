package io.kongexporter;

public final class KongExporter {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
