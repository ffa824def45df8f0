package com.stack.sandbox.partners;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** The partners the sandbox emulates, and which of them a request path belongs to. */
@Component
public class EmulatedPartners {

    private final List<EmulatedPartner> partners;

    public EmulatedPartners(List<EmulatedPartner> partners) {
        this.partners = List.copyOf(partners);
    }

    public Optional<EmulatedPartner> named(String name) {
        return partners.stream().filter(partner -> partner.name().equals(name)).findFirst();
    }

    /** The partner whose API serves {@code path}, with the path relative to its base ("/circle/v1/x" -> "/v1/x"). */
    public Optional<PartnerPath> serving(String path) {
        for (EmulatedPartner partner : partners) {
            String base = partner.basePath();
            if (path.equals(base) || path.startsWith(base + "/")) {
                String relative = path.substring(base.length());
                return Optional.of(new PartnerPath(partner, relative.isEmpty() ? "/" : relative));
            }
        }
        return Optional.empty();
    }

    public List<String> names() {
        return partners.stream().map(EmulatedPartner::name).toList();
    }

    public record PartnerPath(EmulatedPartner partner, String relativePath) {}
}
