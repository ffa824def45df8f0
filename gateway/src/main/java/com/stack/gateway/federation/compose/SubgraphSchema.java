package com.stack.gateway.federation.compose;

/** A subgraph as the gateway sees it: its name, its GraphQL endpoint and the SDL it serves. */
public record SubgraphSchema(String name, String url, String sdl) {}
