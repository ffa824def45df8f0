package com.stack.sandbox.drivewealth.config;

import com.stack.sandbox.drivewealth.api.DriveWealthApi;
import com.stack.sandbox.drivewealth.api.DriveWealthAuthentication;
import com.stack.sandbox.drivewealth.app.DriveWealthProperties;
import com.stack.sandbox.drivewealth.domain.DriveWealthError;
import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import com.stack.sandbox.partners.EmulatedPartner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DriveWealthProperties.class)
public class DriveWealthConfiguration {

    /**
     * DriveWealth, as fault injection and the authentication filter see it. Its API key is the app key;
     * the app key and session tokens are checked by {@link DriveWealthAuthentication}.
     */
    @Bean
    EmulatedPartner driveWealth(DriveWealthProperties properties, DriveWealthAuthentication authentication) {
        return new EmulatedPartner(
                "drivewealth",
                DriveWealthApi.BASE_PATH,
                properties.appKey(),
                new EmulatedPartner.ErrorFormat() {

                    @Override
                    public Object unauthorized(String message) {
                        return new DriveWealthError(DriveWealthException.UNAUTHORIZED, message, null);
                    }

                    @Override
                    public Object failure(HttpStatusCode status) {
                        HttpStatus known = HttpStatus.resolve(status.value());
                        String message =
                                known == null ? "The request failed (" + status.value() + ")" : known.getReasonPhrase();
                        return new DriveWealthError(DriveWealthException.SERVICE_FAILURE, message, null);
                    }
                },
                authentication::refusal);
    }
}
