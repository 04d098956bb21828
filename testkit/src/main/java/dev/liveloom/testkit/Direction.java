package dev.liveloom.testkit;

/** Which way traffic crosses the proxy. */
public enum Direction {
    /** From the peer that connected to the proxy towards the upstream server. */
    CLIENT_TO_SERVER,
    /** From the upstream server back to the client. */
    SERVER_TO_CLIENT
}
