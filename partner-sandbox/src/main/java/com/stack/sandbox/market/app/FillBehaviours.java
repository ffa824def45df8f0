package com.stack.sandbox.market.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.stack.sandbox.market.domain.FillBehaviour;
import org.springframework.stereotype.Service;

/** How each symbol's orders fill, as the control API set it; {@link FillBehaviour#DEFAULT} otherwise. */
@Service
public class FillBehaviours {

    private final Map<String, FillBehaviour> bySymbol = new ConcurrentHashMap<>();

    public FillBehaviour of(String symbol) {
        return bySymbol.getOrDefault(symbol, FillBehaviour.DEFAULT);
    }

    public void set(String symbol, FillBehaviour behaviour) {
        bySymbol.put(symbol, behaviour);
    }

    public void reset() {
        bySymbol.clear();
    }
}
