from django.contrib.auth import views as auth_views
from django.urls import path

from coordo.access.forms import EmailAuthenticationForm
from coordo.access.views import admin, session

urlpatterns = [
    path("", session.dashboard, name="dashboard"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            template_name="access/login.html",
            authentication_form=EmailAuthenticationForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/mfa/setup/", session.mfa_setup, name="mfa_setup"),
    path("accounts/mfa/verify/", session.mfa_verify, name="mfa_verify"),
    path("accounts/password/", session.password_change, name="password_change"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        session.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path("sites/switch/", session.switch_site, name="switch_site"),
    path("audit/", session.audit_trail, name="audit_trail"),
    path("manage/users/", admin.user_list, name="user_list"),
    path("manage/users/new/", admin.user_create, name="user_create"),
    path("manage/users/<int:user_id>/", admin.user_detail, name="user_detail"),
    path("manage/users/<int:user_id>/active/", admin.user_set_active, name="user_set_active"),
    path(
        "manage/users/<int:user_id>/password-reset/",
        admin.user_force_password_reset,
        name="user_force_password_reset",
    ),
    path("manage/users/<int:user_id>/roles/", admin.membership_add, name="membership_add"),
    path(
        "manage/roles/<int:membership_id>/remove/",
        admin.membership_remove,
        name="membership_remove",
    ),
    path("manage/sites/", admin.site_list, name="site_list"),
    path("manage/sites/new/", admin.site_edit, name="site_create"),
    path("manage/sites/<int:site_id>/", admin.site_edit, name="site_edit"),
    path("manage/tokens/", admin.token_list, name="token_list"),
    path("manage/tokens/<int:token_id>/revoke/", admin.token_revoke, name="token_revoke"),
]
