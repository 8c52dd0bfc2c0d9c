package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.UserAdmin;
import dev.atelier.ui.service.UserView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/** Who may sign in, with which role: the admin's API, which {@code ./atelier users} calls. */
@Path("/api/atelier/users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {
  private final UserAdmin users;

  UsersResource(UserAdmin users) {
    this.users = users;
  }

  @GET
  @RolesAllowed("admin")
  public List<UserView> list() {
    return users.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("admin")
  public Response add(NewUser body) {
    if (body == null) {
      throw ApiProblem.badRequest(
          "body: missing; send {\"username\": \"ada\", \"role\": \"member\", \"password\":"
              + " \"...\"}");
    }
    UserView added = users.add(body.username(), body.role(), body.password());
    return Response.created(
            UriBuilder.fromPath("/api/atelier/users/{username}").build(added.username()))
        .entity(added)
        .build();
  }

  @PATCH
  @Path("/{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("admin")
  public UserView change(@PathParam("username") String username, UserChange body) {
    return body == null
        ? users.change(username, null, null)
        : users.change(username, body.role(), body.password());
  }

  @DELETE
  @Path("/{username}")
  @RolesAllowed("admin")
  public Response delete(@PathParam("username") String username) {
    users.delete(username);
    return Response.noContent().build();
  }
}
