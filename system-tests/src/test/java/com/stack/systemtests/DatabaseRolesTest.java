package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;

import com.stack.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;

/**
 * Every service of the running suite connects as its own role, as infra/postgres.sh sets them up in a
 * deployment: not a superuser, the owner of its database, and unable to open another service's database.
 */
class DatabaseRolesTest {

    final StackSuite suite = StackSuite.shared();

    @Test
    void everyServiceConnectsAsItsOwnRoleWhichIsNoSuperuser() {
        StackSuite.SERVICES.keySet().forEach(service -> {
            assertThat(suite.queryOne(service, "SELECT current_user"))
                    .as(service)
                    .isEqualTo("stack_" + service);
            assertThat(suite.queryOne(service, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
                    .as(service)
                    .isEqualTo("false");
            assertThat(suite.queryOne(
                            service, "SELECT rolcreatedb OR rolcreaterole FROM pg_roles WHERE rolname = current_user"))
                    .as(service)
                    .isEqualTo("false");
            assertThat(suite.queryOne(
                            service,
                            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"))
                    .as(service)
                    .isEqualTo("stack_" + service);
        });
    }

    @Test
    void aServicesRoleCannotConnectToAnotherServicesDatabase() {
        Environment wallet = suite.service("wallet").getEnvironment();
        String fundingDatabase = "jdbc:postgresql://" + TestInfrastructure.postgresHost() + ":"
                + TestInfrastructure.postgresPort() + "/" + suite.database("funding");

        assertThatThrownBy(() -> DriverManager.getConnection(
                                fundingDatabase,
                                wallet.getProperty("stack.db.username"),
                                wallet.getProperty("stack.db.password"))
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database");
    }
}
