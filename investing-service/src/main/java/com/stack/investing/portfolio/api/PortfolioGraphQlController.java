package com.stack.investing.portfolio.api;

import com.stack.defaults.graphql.UserReference;
import com.stack.defaults.security.CallerResolver;
import com.stack.investing.portfolio.app.PortfolioValuation;
import com.stack.investing.portfolio.domain.Portfolio;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * {@code User.portfolio}, for the user themselves only (the User entity is resolved by
 * {@code order.api.OrderGraphQlController}).
 */
@Controller
public class PortfolioGraphQlController {

    private final PortfolioValuation portfolioValuation;

    public PortfolioGraphQlController(PortfolioValuation portfolioValuation) {
        this.portfolioValuation = portfolioValuation;
    }

    @SchemaMapping(typeName = "User")
    public Mono<Portfolio> portfolio(UserReference user) {
        return CallerResolver.requireSelf(user.id()).flatMap(portfolioValuation::portfolio);
    }
}
