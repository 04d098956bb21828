package dev.liveloom.cli;

/** The liveloom command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("liveloom");
    }
}
